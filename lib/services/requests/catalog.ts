import type { ActorContext } from '@/lib/domain/context';
import { isAutoApproved, isEligible } from '@/lib/domain/policy';
import { pickPolicyFields } from '@/lib/domain/admin-input';
import { breakGlassLimit, mayBreakGlass } from '@/lib/domain/break-glass';
import type { ServiceDeps } from '../deps';
import { policyRules } from '../policy-rules';

export interface CatalogEntry {
  resource: string;
  resourceName: string;
  resourceDescription: string;
  resourceKind: string;
  role: string;
  description: string;
  policy: {
    maxDurationMinutes: number;
    approverGroups: string[];
    requiredApprovals: number;
    justificationRequired: boolean;
    justificationMinLength: number;
    ticketRequired: boolean;
    ticketPattern: string | null;
    /** What a good ticket looks like (e.g. OPS-123): shown to requesters instead of the pattern. */
    ticketExample: string | null;
    /** Auto-approved for this actor up to this many minutes; null when never. */
    autoApproveUpToMinutes: number | null;
    /** This actor may break glass on the role, for at most this many minutes; null when not (switched off, or not in the break-glass groups). */
    breakGlassUpToMinutes: number | null;
  };
}

/** What the actor may request, with the policy that applies to them — shown before they submit. */
export async function listRequestable(deps: ServiceDeps, ctx: ActorContext): Promise<CatalogEntry[]> {
  const rows = await deps.db.entitlement.findMany({
    where: { archivedAt: null, resource: { archivedAt: null }, policy: { eligibleGroups: { hasSome: ctx.actor.groups } } },
    include: { resource: true, policy: true },
    orderBy: [{ resource: { name: 'asc' } }, { role: 'asc' }],
  });
  return rows.flatMap((e) => {
    const policy = policyRules(e.policy);
    if (!policy || !isEligible(policy, ctx.actor.groups)) return [];
    const autoLimit = policy.autoApproveMaxMinutes ?? 0;
    const auto = autoLimit > 0 && isAutoApproved(policy, { groups: ctx.actor.groups, durationMinutes: 1 }) ? Math.min(autoLimit, policy.maxDurationMinutes) : null;
    return [
      {
        resource: e.resource.slug,
        resourceName: e.resource.name,
        resourceDescription: e.resource.description,
        resourceKind: e.resource.kind,
        role: e.role,
        description: e.description,
        policy: {
          maxDurationMinutes: policy.maxDurationMinutes,
          approverGroups: policy.approverGroups,
          requiredApprovals: policy.requiredApprovals,
          justificationRequired: policy.justificationRequired,
          justificationMinLength: policy.justificationMinLength,
          ticketRequired: policy.ticketRequired,
          ticketPattern: policy.ticketPattern,
          ticketExample: policy.ticketExample,
          autoApproveUpToMinutes: auto,
          breakGlassUpToMinutes: mayBreakGlass(pickPolicyFields(e.policy!), ctx.actor.groups) ? breakGlassLimit(e.policy!) : null,
        },
      },
    ];
  });
}

/** Whether "Request access" would offer the actor anything now (navigation hides it otherwise). */
export async function mayRequestAnything(deps: ServiceDeps, ctx: ActorContext): Promise<boolean> {
  if (ctx.actor.groups.length === 0) return false;
  return (await listRequestable(deps, ctx)).length > 0;
}
