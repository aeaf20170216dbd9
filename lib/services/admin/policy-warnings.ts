import type { Tx } from '@/lib/db/client';
import type { PolicyInput } from '@/lib/domain/admin-input';

/**
 * Advice about a policy that is valid but may not work as meant. Groups may be named before anyone
 * is in them (an identity provider creates them at first sign-in), so unknown groups are allowed —
 * the admin is told, not refused.
 */
export async function policyWarnings(tx: Tx, policy: PolicyInput): Promise<string[]> {
  const named = [...new Set([...policy.eligibleGroups, ...policy.approverGroups, ...policy.autoApproveGroups])];
  // Disabled users cannot sign in, so they neither request nor approve.
  const groups = await tx.group.findMany({
    where: { name: { in: named } },
    select: { name: true, memberships: { where: { user: { disabledAt: null } }, select: { userId: true } } },
  });
  const membersOf = new Map(groups.map((g) => [g.name, g.memberships.map((m) => m.userId)]));

  const warnings: string[] = [];
  for (const name of named) {
    if (!membersOf.has(name)) warnings.push(`Group "${name}" does not exist yet, so it has no members yet.`);
    else if (membersOf.get(name)!.length === 0) warnings.push(`Group "${name}" has no members yet.`);
  }
  if (policy.eligibleGroups.length === 0) warnings.push('No group is eligible: nobody can request this role.');

  const approvers = new Set(policy.approverGroups.flatMap((g) => membersOf.get(g) ?? []));
  const canAutoApprove = policy.autoApproveGroups.length > 0 && policy.autoApproveMaxMinutes !== null;
  if (policy.approverGroups.length === 0) {
    warnings.push(canAutoApprove ? 'No approver group: only auto-approved requests can be granted.' : 'No approver group: no request for this role can be approved.');
  } else if (approvers.size < policy.requiredApprovals) {
    warnings.push(
      `The approver groups have ${approvers.size} distinct member${approvers.size === 1 ? '' : 's'}, fewer than the ${policy.requiredApprovals} approvals required: requests cannot be approved until more people join.`,
    );
  }
  if (policy.autoApproveGroups.length > 0 && policy.autoApproveMaxMinutes === null) {
    warnings.push('Auto-approve groups are set without an auto-approve limit, so nothing is auto-approved.');
  }
  if (policy.autoApproveMaxMinutes !== null && policy.autoApproveGroups.length === 0) {
    warnings.push('An auto-approve limit is set without auto-approve groups, so nothing is auto-approved.');
  }
  return warnings;
}
