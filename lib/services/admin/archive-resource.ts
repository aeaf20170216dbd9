import { actorFields } from '@/lib/audit/actor-fields';
import { appendAudit } from '@/lib/audit/append';
import { archiveResourceInput } from '@/lib/domain/admin-input';
import type { ActorContext } from '@/lib/domain/context';
import { AppError } from '@/lib/errors';
import type { ServiceDeps } from '../deps';
import type { AdminResourceView } from './admin-views';
import { parseAdminInput } from './guard';
import { grantsPhrase, liveGrantCounts, lockEntitlements } from './live-grants';
import { loadResourceForUpdate } from './load-for-update';
import { getResource } from './queries';
import { authorize } from '@/lib/services/authorize';

/**
 * Hides a resource (and so all its roles) from requesters. Refused while anyone still holds, or is
 * about to hold, access through it: those grants must end first, so nothing is left unmanaged.
 */
export async function archiveResource(deps: ServiceDeps, ctx: ActorContext, input: { resourceId: string }): Promise<AdminResourceView> {
  authorize(ctx, 'portal.admin');
  const { resourceId } = parseAdminInput(archiveResourceInput, input);
  const now = deps.clock.now();

  await deps.db.$transaction(async (tx) => {
    const current = await loadResourceForUpdate(tx, resourceId);
    if (current.archivedAt) throw new AppError('conflict', 'This resource is already archived.');
    await lockEntitlements(tx, { resourceId });
    const entitlements = await tx.entitlement.findMany({ where: { resourceId }, select: { id: true } });
    const live = [...(await liveGrantCounts(tx, entitlements.map((e) => e.id))).values()].reduce((a, b) => a + b, 0);
    if (live > 0) {
      throw new AppError('conflict', `This resource still has ${grantsPhrase(live)}. Revoke them or let them expire, then archive it.`, { liveGrants: live });
    }
    await tx.resource.update({ where: { id: resourceId }, data: { archivedAt: now } });
    await appendAudit(tx, {
      ...actorFields(ctx),
      action: 'resource.archived',
      resourceId,
      data: { slug: current.slug, before: { archivedAt: null }, after: { archivedAt: now.toISOString() } },
    });
  });
  return getResource(deps, ctx, { resourceId });
}
