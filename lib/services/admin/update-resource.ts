import { actorFields } from '@/lib/audit/actor-fields';
import { appendAudit } from '@/lib/audit/append';
import type { Prisma } from '@/lib/db/generated/client';
import { updateResourceInput, type UpdateResourceInput } from '@/lib/domain/admin-input';
import type { ActorContext } from '@/lib/domain/context';
import type { ServiceDeps } from '../deps';
import type { AdminResourceView } from './admin-views';
import { changedFields } from './diff';
import { checkResourceSettings } from './check-resource-settings';
import { parseAdminInput } from './guard';
import { loadResourceForUpdate, refuseArchived } from './load-for-update';
import { getResource } from './queries';
import { authorize } from '@/lib/services/authorize';

/** Changes a resource's name, description or settings; an edit that changes nothing writes nothing. */
export async function updateResource(deps: ServiceDeps, ctx: ActorContext, input: UpdateResourceInput): Promise<AdminResourceView> {
  authorize(ctx, 'portal.admin');
  const { resourceId, ...next } = parseAdminInput(updateResourceInput, input);

  await deps.db.$transaction(async (tx) => {
    const current = await loadResourceForUpdate(tx, resourceId);
    refuseArchived(current, 'resource');
    if (next.settings !== undefined) checkResourceSettings(current.kind, next.settings);
    const diff = changedFields(
      { name: current.name, description: current.description, settings: current.settings as Prisma.InputJsonValue },
      { name: next.name, description: next.description, settings: next.settings as Prisma.InputJsonObject | undefined },
    );
    if (!diff) return;
    await tx.resource.update({ where: { id: resourceId }, data: diff.after });
    await appendAudit(tx, { ...actorFields(ctx), action: 'resource.updated', resourceId, data: { slug: current.slug, ...diff } });
  });
  return getResource(deps, ctx, { resourceId });
}
