import { actorFields } from '@/lib/audit/actor-fields';
import { appendAudit } from '@/lib/audit/append';
import { archiveEntitlementInput } from '@/lib/domain/admin-input';
import type { ActorContext } from '@/lib/domain/context';
import { AppError } from '@/lib/errors';
import type { ServiceDeps } from '../deps';
import type { AdminEntitlementView } from './admin-views';
import { parseAdminInput } from './guard';
import { grantsPhrase, liveGrantCounts, lockEntitlements } from './live-grants';
import { loadEntitlementForUpdate } from './load-for-update';
import { getEntitlement } from './queries';
import { authorize } from '@/lib/services/authorize';

/** Hides one role from requesters; refused while grants of it are live (same rule as a resource). */
export async function archiveEntitlement(deps: ServiceDeps, ctx: ActorContext, input: { entitlementId: string }): Promise<AdminEntitlementView> {
  authorize(ctx, 'portal.admin');
  const { entitlementId } = parseAdminInput(archiveEntitlementInput, input);
  const now = deps.clock.now();

  await deps.db.$transaction(async (tx) => {
    const current = await loadEntitlementForUpdate(tx, entitlementId);
    if (current.archivedAt) throw new AppError('conflict', 'This role is already archived.');
    await lockEntitlements(tx, { entitlementId });
    const live = (await liveGrantCounts(tx, [entitlementId])).get(entitlementId) ?? 0;
    if (live > 0) {
      throw new AppError('conflict', `This role still has ${grantsPhrase(live)}. Revoke them or let them expire, then archive it.`, { liveGrants: live });
    }
    await tx.entitlement.update({ where: { id: entitlementId }, data: { archivedAt: now } });
    await appendAudit(tx, {
      ...actorFields(ctx),
      action: 'entitlement.archived',
      resourceId: current.resourceId,
      entitlementId,
      data: { resource: current.resource.slug, role: current.role, before: { archivedAt: null }, after: { archivedAt: now.toISOString() } },
    });
  });
  return (await getEntitlement(deps, ctx, { entitlementId })).entitlement;
}
