import type { Policy } from '@/lib/db/generated/client';
import type { PolicyRules } from '@/lib/domain/policy';

export function policyRules(policy: Policy | null): PolicyRules | null {
  if (!policy) return null;
  return {
    eligibleGroups: policy.eligibleGroups,
    approverGroups: policy.approverGroups,
    requiredApprovals: Math.max(1, policy.requiredApprovals),
    maxDurationMinutes: policy.maxDurationMinutes,
    justificationRequired: policy.justificationRequired,
    ticketRequired: policy.ticketRequired,
    ticketPattern: policy.ticketPattern,
    autoApproveGroups: policy.autoApproveGroups,
    autoApproveMaxMinutes: policy.autoApproveMaxMinutes,
    pendingTtlMinutes: policy.pendingTtlMinutes,
  };
}
