import type { Tx } from '@/lib/db/client';
import type { Prisma } from '@/lib/db/generated/client';

export interface AuditInput {
  actorId?: string | null;
  /** Human-readable actor: an e-mail, "system:seed", "system:scheduler", "token:<id>". */
  actorLabel: string;
  action: string;
  resourceId?: string | null;
  entitlementId?: string | null;
  requestId?: string | null;
  grantId?: string | null;
  tokenId?: string | null;
  statusFrom?: string | null;
  statusTo?: string | null;
  ip?: string | null;
  userAgent?: string | null;
  data?: Prisma.InputJsonObject;
  /** When it happened, if not now (reported activity carries its own time). Defaults to the database's now(). */
  occurredAt?: Date;
}

/**
 * Appends one audit event. Call it with the transaction client that carries the state change,
 * so the change and its evidence commit or fail together. The event is written unchained and stays
 * cheap: the sealer (seal.ts) links committed events into the hash chain in the background, and the
 * database refuses any later change to it (the append-only trigger).
 */
export async function appendAudit(tx: Tx, event: AuditInput): Promise<{ id: string }> {
  return tx.auditEvent.create({
    data: {
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
      data: event.data ?? {},
      ...(event.occurredAt ? { occurredAt: event.occurredAt } : {}),
    },
    select: { id: true },
  });
}
