import type { CanonicalEventFields } from './canonical';
import { CANONICAL_COLUMNS, canonicalSelect } from './seal';
import type { Db, Tx } from '@/lib/db/client';
import { Prisma } from '@/lib/db/generated/client';

// What API clients, the dashboard and the NDJSON export see of an audit event. BigInts travel as
// decimal strings (JSON has no 64-bit integers); the resource is named by slug beside its id.

export const eventSelect = { ...canonicalSelect, chainIndex: true, prevHash: true, hash: true } as const;

/** The same columns for raw reads: paging and export read many rows, and Prisma's typed reads cost ~5× more per row. */
export const EVENT_COLUMNS = Prisma.sql`${CANONICAL_COLUMNS}, "chainIndex", "prevHash", "hash"`;

/** Events matching `condition`, by seq, at most `limit`. */
export function selectEvents(db: Db | Tx, condition: Prisma.Sql, order: 'asc' | 'desc', limit: number): Promise<AuditEventRow[]> {
  return db.$queryRaw<AuditEventRow[]>`SELECT ${EVENT_COLUMNS} FROM "AuditEvent" WHERE ${condition} ORDER BY "seq" ${order === 'asc' ? Prisma.raw('ASC') : Prisma.raw('DESC')} LIMIT ${limit}`;
}

/** A row as read for display: the hashed fields plus the chain columns. */
export interface AuditEventRow extends CanonicalEventFields {
  chainIndex: bigint | null;
  prevHash: string | null;
  hash: string | null;
}

export interface AuditEventView {
  id: string;
  seq: string;
  occurredAt: string;
  actorId: string | null;
  actorLabel: string;
  tokenId: string | null;
  action: string;
  resourceId: string | null;
  /** The resource's slug, when the event names one. */
  resource: string | null;
  entitlementId: string | null;
  requestId: string | null;
  grantId: string | null;
  statusFrom: string | null;
  statusTo: string | null;
  ip: string | null;
  userAgent: string | null;
  data: Record<string, unknown>;
  /**
   * When a report says it happened (`data.reportedAt`, reported activity): occurredAt is always when the
   * database recorded it. Null for every other event.
   */
  reportedAt: string | null;
  /** Position in the hash chain; null until the sealer reaches the event (seconds). */
  chainIndex: string | null;
  prevHash: string | null;
  hash: string | null;
}

/** A reported time as an ISO string, or null when there is none (or it is not a time). */
export function reportedTime(value: unknown): string | null {
  if (typeof value !== 'string') return null;
  const ms = Date.parse(value);
  return Number.isNaN(ms) ? null : new Date(ms).toISOString();
}

/** Every field of the view but `data`, which the page view parses and the export keeps as text. */
export function viewFields(row: Omit<AuditEventRow, 'data'>, slugs: ReadonlyMap<string, string>, reportedAt: unknown): Omit<AuditEventView, 'data'> {
  return {
    id: row.id,
    seq: row.seq.toString(),
    occurredAt: row.occurredAt.toISOString(),
    actorId: row.actorId,
    actorLabel: row.actorLabel,
    tokenId: row.tokenId,
    action: row.action,
    resourceId: row.resourceId,
    resource: row.resourceId ? slugs.get(row.resourceId) || null : null,
    entitlementId: row.entitlementId,
    requestId: row.requestId,
    grantId: row.grantId,
    statusFrom: row.statusFrom,
    statusTo: row.statusTo,
    ip: row.ip,
    userAgent: row.userAgent,
    reportedAt: reportedTime(reportedAt),
    chainIndex: row.chainIndex?.toString() ?? null,
    prevHash: row.prevHash,
    hash: row.hash,
  };
}

export function auditEventView(row: AuditEventRow, slugs: ReadonlyMap<string, string>): AuditEventView {
  const data = row.data && typeof row.data === 'object' && !Array.isArray(row.data) ? (row.data as Record<string, unknown>) : {};
  return { ...viewFields(row, slugs, data.reportedAt), data };
}

/**
 * Resource slugs by id, fetched for the ids a page names and remembered across the pages of one
 * export (there are few resources and many events).
 */
export class ResourceSlugs {
  private readonly known = new Map<string, string>();
  constructor(private readonly db: Db) {}

  async load(rows: ReadonlyArray<{ resourceId: string | null }>): Promise<ReadonlyMap<string, string>> {
    const missing = [...new Set(rows.map((r) => r.resourceId).filter((id): id is string => id !== null && !this.known.has(id)))];
    if (missing.length > 0) {
      const found = await this.db.resource.findMany({ where: { id: { in: missing } }, select: { id: true, slug: true } });
      for (const id of missing) this.known.set(id, ''); // no such resource (any more): ask once, not per page
      for (const r of found) this.known.set(r.id, r.slug);
    }
    return this.known;
  }
}
