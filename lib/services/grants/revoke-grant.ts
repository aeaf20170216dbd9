import type { ActorContext } from '@/lib/domain/context';
import { can } from '@/lib/domain/permissions';
import { AppError } from '@/lib/errors';
import type { ServiceDeps } from '../deps';
import { afterCommitFor, runAfterCommit } from '../lifecycle/after-commit';
import { transitionGrant } from '../lifecycle/transition';
import { lockGrantRow } from '../row-lock';
import { grantInclude, grantView, type GrantView } from '../views';
import { authorize } from '@/lib/services/authorize';

/** Ending someone else's access needs a why on record: the holder (and the trail) will ask. */
export const OTHERS_GRANT_REASON_REQUIRED = 'Give a reason: it is recorded and shown to the holder.';

/**
 * Ends a grant early: the holder, or an admin (who must give a reason for anyone else's grant). A scheduled grant is revoked at once (nothing was
 * provisioned); an active or provisioning one moves to `revoking` and is deprovisioned now, with retries if that fails.
 */
export async function revokeGrant(deps: ServiceDeps, ctx: ActorContext, input: { grantId: string; reason?: string | undefined }): Promise<GrantView> {
  authorize(ctx, 'grants.manage');
  const { db, clock } = deps;
  const now = clock.now();
  const mayRevokeAny = can(ctx, 'grants.revoke_any');
  const reason = input.reason ?? null;

  const next = await db.$transaction(async (tx) => {
    const notFound = new AppError('not_found', 'No such grant.');
    if (!(await lockGrantRow(tx, input.grantId))) throw notFound;
    const grant = await tx.grant.findFirst({ where: { id: input.grantId, ...(mayRevokeAny ? {} : { userId: ctx.actor.id }) }, select: { id: true, status: true, userId: true } });
    if (!grant) throw notFound;
    if (grant.userId !== ctx.actor.id && !reason) throw new AppError('unprocessable', OTHERS_GRANT_REASON_REQUIRED, { field: 'reason' });
    const who = { revokedById: ctx.actor.id, revokeReason: reason, endReason: 'revoked' };

    if (grant.status === 'scheduled') {
      await transitionGrant(tx, grant.id, { from: 'scheduled', to: 'revoked', set: { ...who, endedAt: now }, by: ctx, action: 'grant.revoked', data: () => ({ reason }) });
      return null;
    }
    if (grant.status !== 'active' && grant.status !== 'provisioning') throw new AppError('conflict', `This grant is already ${grant.status}.`, { status: grant.status });
    // A grant being provisioned may already hold access in the target: it goes through revoking too.
    const moved = await transitionGrant(tx, grant.id, { from: grant.status, to: 'revoking', set: { ...who, nextAttemptAt: now }, by: ctx, action: 'grant.revoke_requested', data: () => ({ reason }) });
    return moved && afterCommitFor(moved, now);
  });

  await runAfterCommit(deps, ctx, [next]);
  return grantView(await db.grant.findUniqueOrThrow({ where: { id: input.grantId }, include: grantInclude }));
}
