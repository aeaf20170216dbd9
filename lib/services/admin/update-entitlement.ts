import { actorFields } from '@/lib/audit/actor-fields';
import { appendAudit } from '@/lib/audit/append';
import type { Prisma } from '@/lib/db/generated/client';
import { updateEntitlementInput, type UpdateEntitlementInput } from '@/lib/domain/admin-input';
import type { ActorContext } from '@/lib/domain/context';
import type { ServiceDeps } from '../deps';
import type { AdminEntitlementView } from './admin-views';
import { changedFields } from './diff';
import { parseAdminInput } from './guard';
import { refuseForeignEnvSettings } from './refuse-foreign-env';
import { loadEntitlementForUpdate, refuseArchived } from './load-for-update';
import { getEntitlement } from './queries';
import { authorize } from '@/lib/services/authorize';

/** Changes a role's description or connector settings (its policy has its own service: upsertPolicy). */
export async function updateEntitlement(deps: ServiceDeps, ctx: ActorContext, input: UpdateEntitlementInput): Promise<AdminEntitlementView> {
  authorize(ctx, 'portal.admin');
  const { entitlementId, ...next } = parseAdminInput(updateEntitlementInput, input);
  refuseForeignEnvSettings(next.settings);

  await deps.db.$transaction(async (tx) => {
    const current = await loadEntitlementForUpdate(tx, entitlementId);
    refuseArchived(current, 'role');
    const diff = changedFields(
      { description: current.description, settings: current.settings as Prisma.InputJsonValue },
      { description: next.description, settings: next.settings as Prisma.InputJsonObject | undefined },
    );
    if (!diff) return;
    await tx.entitlement.update({ where: { id: entitlementId }, data: diff.after });
    await appendAudit(tx, {
      ...actorFields(ctx),
      action: 'entitlement.updated',
      resourceId: current.resourceId,
      entitlementId,
      data: { resource: current.resource.slug, role: current.role, ...diff },
    });
  });
  return (await getEntitlement(deps, ctx, { entitlementId })).entitlement;
}
