import type { PolicyView } from '@/lib/services/admin/admin-views';

/** 45 → "45 min", 90 → "1 h 30 min", 2880 → "2 d". */
export function formatMinutes(total: number): string {
  const d = Math.floor(total / 1440);
  const h = Math.floor((total % 1440) / 60);
  const m = total % 60;
  return [d ? `${d} d` : '', h ? `${h} h` : '', m ? `${m} min` : ''].filter(Boolean).join(' ') || '0 min';
}

const list = (groups: string[]) => (groups.length ? groups.join(', ') : 'nobody');

/** One line an admin can scan: who may ask, for how long, who decides, and the extra rules. */
export function policySummary(p: PolicyView | null): string {
  if (!p) return 'No policy: nobody can request this role.';
  const parts = [
    `${list(p.eligibleGroups)} may request up to ${formatMinutes(p.maxDurationMinutes)}`,
    p.approverGroups.length ? `${p.requiredApprovals} approval${p.requiredApprovals === 1 ? '' : 's'} from ${list(p.approverGroups)}` : 'no approvers',
  ];
  if (p.ticketRequired) parts.push(p.ticketPattern ? `ticket matching ${p.ticketPattern}` : 'ticket required');
  if (!p.justificationRequired) parts.push('no justification needed');
  if (p.autoApproveMaxMinutes !== null && p.autoApproveGroups.length) parts.push(`auto-approved for ${list(p.autoApproveGroups)} up to ${formatMinutes(p.autoApproveMaxMinutes)}`);
  if (p.breakGlassAllowed) parts.push('break-glass allowed');
  return parts.join(' · ');
}
