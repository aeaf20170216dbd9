import { actorFields } from '@/lib/audit/actor-fields';
import { appendAudit } from '@/lib/audit/append';
import type { ActorContext } from '@/lib/domain/context';
import { can } from '@/lib/domain/permissions';
import { AppError } from '@/lib/errors';
import type { ServiceDeps } from '../deps';
import { requireScope } from '../require-scope';
import { lockGrantRow } from '../row-lock';
import { grantInclude, grantView, type GrantView } from '../views';
import { finishEnding } from './finish-ending';

/**
 * Ends a grant early: the holder or an admin. A scheduled grant is revoked at once (nothing was
 * provisioned); an active one moves to `revoking` and is deprovisioned now, with retries if that fails.
 */
export async function revokeGrant(deps: ServiceDeps, ctx: ActorContext, input: { grantId: string; reason?: string | undefined }): Promise<GrantView> {
  requireScope(ctx, 'grants');
  const { db, clock } = deps;
  const now = clock.now();
  const mayRevokeAny = can(ctx.actor, 'admin');

  const deprovisionNow = await db.$transaction(async (tx) => {
    const notFound = new AppError('not_found', 'No such grant.');
    if (!(await lockGrantRow(tx, input.grantId))) throw notFound;
    const grant = await tx.grant.findFirst({ where: { id: input.grantId, ...(mayRevokeAny ? {} : { userId: ctx.actor.id }) }, include: { entitlement: true } });
    if (!grant) throw notFound;
    const ids = { grantId: grant.id, requestId: grant.requestId, entitlementId: grant.entitlementId, resourceId: grant.entitlement.resourceId };
    const common = { revokedById: ctx.actor.id, revokeReason: input.reason ?? null, endReason: 'revoked' };

    if (grant.status === 'scheduled') {
      await tx.grant.update({ where: { id: grant.id }, data: { ...common, status: 'revoked', endedAt: now } });
      await appendAudit(tx, { ...actorFields(ctx), ...ids, action: 'grant.revoked', statusFrom: 'scheduled', statusTo: 'revoked', data: { reason: input.reason ?? null } });
      return false;
    }
    if (grant.status !== 'active') throw new AppError('conflict', `This grant is already ${grant.status}.`, { status: grant.status });
    await tx.grant.update({ where: { id: grant.id }, data: { ...common, status: 'revoking', nextAttemptAt: now } });
    await appendAudit(tx, { ...actorFields(ctx), ...ids, action: 'grant.revoke_requested', statusFrom: 'active', statusTo: 'revoking', data: { reason: input.reason ?? null } });
    return true;
  });

  if (deprovisionNow) await finishEnding(deps, input.grantId);
  return grantView(await db.grant.findUniqueOrThrow({ where: { id: input.grantId }, include: grantInclude }));
}
