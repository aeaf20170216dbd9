import { actorFields } from '@/lib/audit/actor-fields';
import { appendAudit } from '@/lib/audit/append';
import { upsertPolicyInput, type UpsertPolicyInput } from '@/lib/domain/admin-input';
import type { ActorContext } from '@/lib/domain/context';
import type { ServiceDeps } from '../deps';
import { policyView, type AdminEntitlementView, type WithWarnings } from './admin-views';
import { changedFields } from './diff';
import { parseAdminInput } from './guard';
import { loadEntitlementForUpdate, refuseArchived } from './load-for-update';
import { policyData } from './policy-data';
import { policyWarnings } from './policy-warnings';
import { refuseForeignPolicyEnv } from './refuse-foreign-env';
import { getEntitlement } from './queries';
import { authorize } from '@/lib/services/authorize';

/**
 * Sets the whole policy of a role (creating it if the role had none). The change applies to requests
 * made from now on; pending requests and live grants keep what they were decided under.
 */
export async function upsertPolicy(deps: ServiceDeps, ctx: ActorContext, input: UpsertPolicyInput): Promise<WithWarnings & { entitlement: AdminEntitlementView }> {
  authorize(ctx, 'portal.admin');
  const { entitlementId, ...policy } = parseAdminInput(upsertPolicyInput, input);
  refuseForeignPolicyEnv(policy, 'slackChannelEnv');
  const next = policyData(policy);

  const warnings = await deps.db.$transaction(async (tx) => {
    const current = await loadEntitlementForUpdate(tx, entitlementId);
    refuseArchived(current, 'role');
    const diff = current.policy ? changedFields(policyData(policyView(current.policy)), next) : { before: null, after: next };
    if (diff) {
      await tx.policy.upsert({ where: { entitlementId }, create: { entitlementId, ...next }, update: next });
      await appendAudit(tx, {
        ...actorFields(ctx),
        action: 'policy.updated',
        resourceId: current.resourceId,
        entitlementId,
        data: { resource: current.resource.slug, role: current.role, ...diff },
      });
    }
    return policyWarnings(tx, policy);
  });
  return { entitlement: (await getEntitlement(deps, ctx, { entitlementId })).entitlement, warnings };
}
