import { randomUUID } from 'node:crypto';
import type { Tx } from '@/lib/db/client';
import type { Prisma } from '@/lib/db/generated/client';
import { unnestInsert, type UnnestColumns } from '@/lib/db/unnest';
import type { AuditAction, AuditEventData } from '@/lib/domain/audit-actions';
import { insertMac, type InsertedEventFields } from './mac';
import { auditSigningKey } from './signing-key';

interface AuditFields {
  actorId?: string | null;
  /** Human-readable actor: an e-mail, "system:seed", "system:scheduler", "token:<id>". */
  actorLabel: string;
  resourceId?: string | null;
  entitlementId?: string | null;
  requestId?: string | null;
  grantId?: string | null;
  tokenId?: string | null;
  statusFrom?: string | null;
  statusTo?: string | null;
  ip?: string | null;
  userAgent?: string | null;
}

/** One event: an action from the closed list, with the `data` shape that action carries. */
export type AuditInput = { [A in AuditAction]: AuditFields & { action: A; data: AuditEventData[A] } }[AuditAction];

// No occurredAt: the database stamps every event with its own clock at insert (a trigger), so no
// writer can date one. Reported activity keeps the time it reports in `data.reportedAt`.
/** What appendAudit writes: the signed content and its insert MAC (the database adds seq, occurredAt, searchText). */
export type AuditRow = Omit<InsertedEventFields, 'data'> & { data: Prisma.InputJsonObject; mac: string };

/** The row appendAudit inserts for `event`: a fresh id, the content, and its insert MAC under `key`. */
export function auditRow(event: AuditInput, key: string): AuditRow {
  const row: InsertedEventFields = {
    // Chosen here, not by the database: the MAC covers it, so a signed row cannot be copied under a new id.
    id: randomUUID(),
    actorId: event.actorId ?? null,
    actorLabel: event.actorLabel,
    action: event.action,
    resourceId: event.resourceId ?? null,
    entitlementId: event.entitlementId ?? null,
    requestId: event.requestId ?? null,
    grantId: event.grantId ?? null,
    tokenId: event.tokenId ?? null,
    statusFrom: event.statusFrom ?? null,
    statusTo: event.statusTo ?? null,
    ip: event.ip ?? null,
    userAgent: event.userAgent?.slice(0, 500) ?? null,
    // Through JSON once, so the MAC covers exactly what JSONB will give back (no undefined, Dates as strings).
    data: JSON.parse(JSON.stringify(event.data ?? {})) as Prisma.InputJsonObject,
  };
  return { ...row, data: row.data as Prisma.InputJsonObject, mac: insertMac(key, row) };
}

/**
 * Appends one audit event. Call it with the transaction client that carries the state change,
 * so the change and its evidence commit or fail together. The event is written signed (its insert MAC)
 * but unchained, and stays cheap: the sealer (seal.ts) links committed events into the hash chain in the background, and the
 * database refuses any later change to it (the append-only trigger).
 */
export async function appendAudit(tx: Tx, event: AuditInput): Promise<{ id: string }> {
  return tx.auditEvent.create({ data: auditRow(event, auditSigningKey()), select: { id: true } });
}

/** AuditRow's columns as appendAuditMany sends them: the same columns appendAudit writes, in SQL types. */
const AUDIT_COLUMNS: UnnestColumns<AuditRow> = {
  id: 'uuid', actorId: 'uuid', actorLabel: 'text', action: 'text', resourceId: 'uuid', entitlementId: 'uuid', requestId: 'uuid', grantId: 'uuid',
  tokenId: 'uuid', statusFrom: 'text', statusTo: 'text', ip: 'text', userAgent: 'text', data: 'jsonb', mac: 'text',
};

/**
 * Many events in one statement (a batch of transitions), in the order given: their seq follows the
 * array. One `INSERT … SELECT FROM unnest(…)` (lib/db/unnest.ts), not Prisma's createMany: at 200 rows
 * createMany spent ~90 % of a sweep batch building and binding 200 × 15 parameters (400–770 ms against
 * 35–65 ms under load). Same columns as appendAudit writes, so the database's triggers (occurredAt,
 * searchText) and the rows come out the same; each row carries its own insert MAC.
 */
export async function appendAuditMany(tx: Tx, events: readonly AuditInput[]): Promise<void> {
  if (events.length === 0) return;
  const key = auditSigningKey();
  await tx.$executeRaw(unnestInsert('AuditEvent', events.map((event) => auditRow(event, key)), AUDIT_COLUMNS));
}
