import { actorFields } from '@/lib/audit/actor-fields';
import { appendAudit } from '@/lib/audit/append';
import type { Prisma } from '@/lib/db/generated/client';
import { createEntitlementInput, type CreateEntitlementInput } from '@/lib/domain/admin-input';
import type { ActorContext } from '@/lib/domain/context';
import { AppError } from '@/lib/errors';
import type { ServiceDeps } from '../deps';
import { entitlementView, type AdminEntitlementView, type WithWarnings } from './admin-views';
import { parseAdminInput } from './guard';
import { refuseForeignEnvSettings, refuseForeignPolicyEnv } from './refuse-foreign-env';
import { loadResourceForUpdate, refuseArchived } from './load-for-update';
import { policyData } from './policy-data';
import { policyWarnings } from './policy-warnings';
import { orConflict } from './unique-conflict';
import { authorize } from '@/lib/services/authorize';

/** A new role on a resource, created together with its policy (no policy would mean nobody may request it). */
export async function createEntitlement(deps: ServiceDeps, ctx: ActorContext, input: CreateEntitlementInput): Promise<WithWarnings & { entitlement: AdminEntitlementView }> {
  authorize(ctx, 'portal.admin');
  const { resourceId, policy, ...data } = parseAdminInput(createEntitlementInput, input);
  refuseForeignEnvSettings(data.settings);
  refuseForeignPolicyEnv(policy, 'policy.slackChannelEnv');
  const settings = data.settings as Prisma.InputJsonObject;
  const rules = policyData(policy);
  const taken = () => new AppError('conflict', `This resource already has a role "${data.role}" (archived roles keep their name).`, { field: 'role' });

  return deps.db.$transaction(async (tx) => {
    const resource = await loadResourceForUpdate(tx, resourceId);
    refuseArchived(resource, 'resource');
    if (await tx.entitlement.findUnique({ where: { resourceId_role: { resourceId, role: data.role } }, select: { id: true } })) throw taken();
    const row = await orConflict(
      () => tx.entitlement.create({ data: { ...data, settings, resourceId, policy: { create: rules } }, include: { policy: true } }),
      taken,
    );
    await appendAudit(tx, {
      ...actorFields(ctx),
      action: 'entitlement.created',
      resourceId,
      entitlementId: row.id,
      data: { resource: resource.slug, before: null, after: { role: row.role, description: row.description, settings, policy: rules } },
    });
    return { entitlement: entitlementView(row, 0), warnings: await policyWarnings(tx, policy) };
  });
}
