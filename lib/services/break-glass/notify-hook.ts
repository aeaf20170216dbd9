import type { Tx } from '@/lib/db/client';
import { log } from '@/lib/log';
import { enqueueBreakGlassNotification } from '../notify/enqueue';

/**
 * THE place where approvers of the role and every auditor are told that someone broke glass, marked urgent
 * (DESIGN.md: break-glass alerts them first). Runs inside the break-glass transaction, so the notification
 * sits in the durable outbox with the grant it announces — a crash never loses it, a rolled-back break-glass
 * never sends it — and the scheduler delivers it after commit on every configured channel. With no channel
 * configured, the audit event `grant.break_glass_started` and the review queue are the record.
 */
export async function notifyBreakGlassStarted(tx: Tx, grant: { id: string; requestId: string }, justification: string): Promise<void> {
  await enqueueBreakGlassNotification(tx, grant, justification);
  // Ids only: justification and ticket stay in the audit trail and the message, not in logs.
  log.warn({ event: 'break_glass_started', grantId: grant.id, requestId: grant.requestId }, 'break-glass access granted; review pending');
}
