import type { Tx } from '@/lib/db/client';
import type { ActorContext } from '@/lib/domain/context';
import { transitionRequest } from './transition';

/** pending → approved by the policy's auto-approval rule, recorded as such (no person approved it). */
export async function autoApprove(tx: Tx, by: ActorContext, requestId: string, now: Date): Promise<void> {
  await transitionRequest(tx, requestId, {
    from: 'pending',
    to: 'approved',
    set: { autoApproved: true, decidedAt: now },
    by,
    action: 'request.auto_approved',
    data: () => ({ rule: 'auto-approve' }),
  });
}
