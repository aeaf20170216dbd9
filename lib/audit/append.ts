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
}

/**
 * Appends one audit event. Call it with the transaction client that carries the state change,
 * so the change and its evidence commit or fail together. (Hash chaining arrives with the audit issue.)
 */
export async function appendAudit(tx: Tx, event: AuditInput): Promise<void> {
  await tx.auditEvent.create({
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
    },
  });
}
