import { log } from '@/lib/log';

export interface BreakGlassNotice {
  grantId: string;
  requestId: string;
  holderId: string;
  resource: string;
  role: string;
  expiresAt: string;
}

/**
 * THE place where notifications will tell approvers and auditors of the role that someone broke glass
 * (DESIGN.md: break-glass alerts every approver first). Called once per break-glass grant, after its
 * transaction has committed. Until the notification outbox exists it only logs: the audit event
 * `grant.break_glass_started` and the review queue are the record. When the outbox lands, write the
 * notification rows here (or move this call into the transaction, as the outbox requires) — nothing
 * else needs to change. Never throws: a failed notice must not undo or fail the emergency access.
 */
export async function notifyBreakGlassStarted(notice: BreakGlassNotice): Promise<void> {
  try {
    // Ids only: justification and ticket stay in the audit trail, not in logs.
    log.warn({ event: 'break_glass_started', grantId: notice.grantId, requestId: notice.requestId, holderId: notice.holderId, resource: notice.resource, role: notice.role, expiresAt: notice.expiresAt }, 'break-glass access granted; review pending');
  } catch {
    // logging must never break the caller
  }
}
