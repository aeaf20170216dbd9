import { actorFields } from '@/lib/audit/actor-fields';
import { appendAudit } from '@/lib/audit/append';
import type { ActorContext, SystemContext } from '@/lib/domain/context';
import { log } from '@/lib/log';
import type { ServiceDeps } from '../deps';
import { errorMessage, loadGrantTarget } from './grant-target';

export type ActivationOutcome = 'active' | 'failed' | 'not-due';

/**
 * scheduled → active, then provisions in the target (outside any transaction).
 * The claim is a conditional update, so two sweeps never activate the same grant twice.
 * If provisioning fails the grant becomes `failed` with the reason, and anything half-made is removed.
 */
export async function activateGrant(deps: ServiceDeps, grantId: string, ctx: ActorContext | SystemContext): Promise<ActivationOutcome> {
  const { db, clock, connectors } = deps;
  const now = clock.now();
  const claimed = await db.$transaction(async (tx) => {
    const grant = await tx.grant.findUnique({ where: { id: grantId }, include: { entitlement: true } });
    if (!grant) return false;
    const { count } = await tx.grant.updateMany({ where: { id: grantId, status: 'scheduled', startsAt: { lte: now } }, data: { status: 'active', activatedAt: now } });
    if (count === 0) return false;
    await appendAudit(tx, {
      ...actorFields(ctx),
      action: 'grant.activated',
      grantId,
      requestId: grant.requestId,
      entitlementId: grant.entitlementId,
      resourceId: grant.entitlement.resourceId,
      statusFrom: 'scheduled',
      statusTo: 'active',
      data: { expiresAt: grant.expiresAt.toISOString() },
    });
    return true;
  });
  if (!claimed) return 'not-due';

  const target = await loadGrantTarget(db, grantId);
  const connector = target ? connectors.get(target.resource.kind) : undefined;
  try {
    if (!target || !connector) throw new Error(`no connector for resource kind ${target?.resource.kind ?? 'unknown'}`);
    const { targetState } = await connector.provision(target);
    if (targetState && Object.keys(targetState).length > 0) {
      await db.grant.update({ where: { id: grantId }, data: { targetState: { ...target.targetState, ...targetState } as object } });
    }
    return 'active';
  } catch (error) {
    const reason = errorMessage(error);
    log.warn({ grantId, reason }, 'provisioning failed');
    if (target && connector) await connector.deprovision(target).catch(() => {}); // leave nothing half-made
    await db.$transaction(async (tx) => {
      const { count } = await tx.grant.updateMany({ where: { id: grantId, status: 'active' }, data: { status: 'failed', failureReason: reason, endedAt: clock.now() } });
      if (count === 0) return;
      await appendAudit(tx, {
        actorLabel: 'system:connector',
        action: 'grant.failed',
        grantId,
        resourceId: target?.resource.id,
        entitlementId: target?.entitlement.id,
        statusFrom: 'active',
        statusTo: 'failed',
        data: { reason },
      });
    });
    return 'failed';
  }
}
