import type { ActorContext, SystemContext } from '@/lib/domain/context';
import type { GrantStatus } from '@/lib/domain/grant-status';
import type { ServiceDeps } from '../deps';
import { activateGrant } from './activate-grant';
import { finishEnding } from './finish-ending';
import { reapplyGrantEnd } from './reapply-grant-end';

/**
 * Work on a target system that a committed change calls for. It never runs inside a transaction
 * (network calls to targets would hold locks), and never instead of the durable path: if it fails or the
 * process dies, the sweep finds the grant by its status (scheduled and due, or revoking) and does it.
 */
export type AfterCommit = { step: 'activate' | 'deprovision' | 'reapply-end'; grantId: string };

/** The one place that decides what a grant's new state asks of its target after commit. */
export function afterCommitFor(grant: { id: string; status: GrantStatus; startsAt: Date }, now: Date, change: 'moved' | 'extended' = 'moved'): AfterCommit | null {
  if (change === 'extended') return grant.status === 'active' ? { step: 'reapply-end', grantId: grant.id } : null;
  if (grant.status === 'revoking') return { step: 'deprovision', grantId: grant.id };
  if (grant.status === 'scheduled' && grant.startsAt <= now) return { step: 'activate', grantId: grant.id };
  return null;
}

export async function runAfterCommit(deps: ServiceDeps, by: ActorContext | SystemContext, work: readonly (AfterCommit | null)[]): Promise<void> {
  for (const item of work) {
    if (item?.step === 'activate') await activateGrant(deps, item.grantId, by);
    if (item?.step === 'deprovision') await finishEnding(deps, item.grantId);
    if (item?.step === 'reapply-end') await reapplyGrantEnd(deps, item.grantId);
  }
}
