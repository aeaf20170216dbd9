import { actorFields } from '@/lib/audit/actor-fields';
import { appendAudit } from '@/lib/audit/append';
import { grantEventIds } from '@/lib/audit/event-ids';
import type { Connector } from '@/lib/connectors/types';
import type { ActorContext, SystemContext } from '@/lib/domain/context';
import { errorMessage } from '@/lib/errors';
import type { ServiceDeps } from '../deps';
import { loadGrantTargets } from '../lifecycle/grant-target';

/**
 * The other half of reconciliation: a live grant whose access the target no longer holds (a role dropped
 * by hand, a target restored from a backup) was approved and has not ended, so it is given again —
 * provision is idempotent — and the restoration is audited. Returns the grants restored and those that
 * could not be (the next run tries again).
 */
export async function restoreMissingAccess(
  deps: ServiceDeps,
  ctx: ActorContext | SystemContext,
  resource: { id: string; slug: string },
  connector: Connector,
): Promise<{ restored: string[]; failed: { grantId: string; reason: string }[] }> {
  const now = deps.clock.now();
  const live = await deps.db.grant.findMany({ where: { entitlement: { resourceId: resource.id }, status: 'active', expiresAt: { gt: now } }, select: { id: true } });
  const targets = await loadGrantTargets(deps.db, live.map((g) => g.id));
  const result = { restored: [] as string[], failed: [] as { grantId: string; reason: string }[] };
  for (const target of targets.values()) {
    try {
      if (await connector.verify(target)) continue;
      await connector.provision(target);
      result.restored.push(target.grantId);
      const grant = await deps.db.grant.findUniqueOrThrow({ where: { id: target.grantId }, include: { entitlement: { select: { resourceId: true } } } });
      await deps.db.$transaction((tx) =>
        appendAudit(tx, { ...actorFields(ctx), ...grantEventIds(grant), action: 'reconcile.access_restored', data: { resource: resource.slug, role: target.entitlement.role } }),
      );
    } catch (error) {
      result.failed.push({ grantId: target.grantId, reason: errorMessage(error) });
    }
  }
  return result;
}
