import { JUSTIFICATION_MIN_DEFAULT } from '@/lib/domain/admin-input';
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
  // The default minimum goes without saying; a different one is worth a glance.
  if (!p.justificationRequired) parts.push('no justification needed');
  else if (p.justificationMinLength !== JUSTIFICATION_MIN_DEFAULT) parts.push(`justification of at least ${p.justificationMinLength} characters`);
  if (p.autoApproveMaxMinutes !== null && p.autoApproveGroups.length) parts.push(`auto-approved for ${list(p.autoApproveGroups)} up to ${formatMinutes(p.autoApproveMaxMinutes)}`);
  if (p.breakGlassAllowed) parts.push(`break-glass for ${p.breakGlassGroups.length ? list(p.breakGlassGroups) : 'eligible groups'} up to ${formatMinutes(p.breakGlassMaxMinutes)}`);
  return parts.join(' · ');
}
