import { formatMinutes } from '@/lib/domain/durations';
import type { PolicyView } from '@/lib/services/admin/admin-views';

const list = (groups: string[]) => (groups.length ? groups.join(', ') : 'nobody');

/** One line an admin can scan: who may ask, for how long, who decides, and the extra rules. */
export function policySummary(p: PolicyView | null): string {
  if (!p) return 'No policy: nobody can request this role.';
  const parts = [
    `${list(p.eligibleGroups)} may request up to ${formatMinutes(p.maxDurationMinutes)}`,
    p.approverGroups.length ? `${p.requiredApprovals} approval${p.requiredApprovals === 1 ? '' : 's'} from ${list(p.approverGroups)}` : 'no approvers',
  ];
  if (p.ticketRequired) parts.push(p.ticketPattern ? `ticket matching ${p.ticketPattern}${p.ticketExample ? ` (e.g. ${p.ticketExample})` : ''}` : 'ticket required');
  parts.push(p.justificationRequired ? `justification of ${p.justificationMinLength}+ characters` : 'no justification needed');
  if (p.autoApproveMaxMinutes !== null && p.autoApproveGroups.length) parts.push(`auto-approved for ${list(p.autoApproveGroups)} up to ${formatMinutes(p.autoApproveMaxMinutes)}`);
  if (p.breakGlassAllowed) parts.push('break-glass allowed');
  return parts.join(' · ');
}
