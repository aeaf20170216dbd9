import type { Tx } from '@/lib/db/client';
import type { Prisma } from '@/lib/db/generated/client';
import type { AuditAction, AuditEventData } from '@/lib/domain/audit-actions';

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
  /** When it happened, if not now (reported activity carries its own time). Defaults to the database's now(). */
  occurredAt?: Date;
}

/** One event: an action from the closed list, with the `data` shape that action carries. */
export type AuditInput = { [A in AuditAction]: AuditFields & { action: A; data: AuditEventData[A] } }[AuditAction];

function toRow(event: AuditInput): Prisma.AuditEventCreateManyInput {
  return {
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
    data: event.data as Prisma.InputJsonObject,
    ...(event.occurredAt ? { occurredAt: event.occurredAt } : {}),
  };
}

/**
 * Appends one audit event. Call it with the transaction client that carries the state change,
 * so the change and its evidence commit or fail together. The event is written unchained and stays
 * cheap: the sealer (seal.ts) links committed events into the hash chain in the background, and the
 * database refuses any later change to it (the append-only trigger).
 */
export async function appendAudit(tx: Tx, event: AuditInput): Promise<{ id: string }> {
  return tx.auditEvent.create({ data: toRow(event), select: { id: true } });
}

/** Many events in one statement (a batch of transitions), in the order given. */
export async function appendAuditMany(tx: Tx, events: readonly AuditInput[]): Promise<void> {
  if (events.length === 0) return;
  await tx.auditEvent.createMany({ data: events.map(toRow) });
}
