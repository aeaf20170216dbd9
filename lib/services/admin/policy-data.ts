import type { PolicyView } from './admin-views';

/** The policy columns an admin sets, in the order the form shows them (also the audit record and the view). */
export function policyData(p: PolicyView) {
  return {
    eligibleGroups: p.eligibleGroups,
    approverGroups: p.approverGroups,
    requiredApprovals: p.requiredApprovals,
    maxDurationMinutes: p.maxDurationMinutes,
    justificationRequired: p.justificationRequired,
    ticketRequired: p.ticketRequired,
    ticketPattern: p.ticketPattern,
    autoApproveGroups: p.autoApproveGroups,
    autoApproveMaxMinutes: p.autoApproveMaxMinutes,
    pendingTtlMinutes: p.pendingTtlMinutes,
    breakGlassAllowed: p.breakGlassAllowed,
  };
}
