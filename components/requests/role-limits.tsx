import { formatMinutes } from '@/lib/domain/durations';
import type { CatalogEntry } from '@/lib/services/requests/catalog';

/** A role's limits in a few words: how long, who decides, what else is asked. */
export function roleLimits(entry: CatalogEntry): string {
  const p = entry.policy;
  const parts = [`up to ${formatMinutes(p.maxDurationMinutes)}`];
  parts.push(p.autoApproveUpToMinutes !== null ? `auto-approved up to ${formatMinutes(p.autoApproveUpToMinutes)}` : `${p.requiredApprovals} approval${p.requiredApprovals === 1 ? '' : 's'}`);
  if (p.ticketRequired) parts.push('ticket required');
  return parts.join(' · ');
}

/**
 * Every role the requester may ask for on the chosen resource, with its limits, so they compare
 * before choosing rather than learning each rule from an error.
 */
export function RoleLimits({ roles, chosen }: { roles: readonly CatalogEntry[]; chosen: string }) {
  if (roles.length === 0) return null;
  return (
    <section aria-labelledby="role-limits-heading" className="sm:col-span-2">
      <h3 id="role-limits-heading" className="text-sm font-medium text-slate-800">
        Roles you may ask for here
      </h3>
      <ul className="mt-1 divide-y divide-slate-100 rounded-md text-sm ring-1 ring-slate-200">
        {roles.map((e) => (
          <li key={e.role} className={`px-3 py-2 ${e.role === chosen ? 'bg-brand-50' : ''}`} aria-current={e.role === chosen ? 'true' : undefined}>
            <span className="font-medium text-slate-900">{e.role}</span>
            <span className="text-slate-700"> — {roleLimits(e)}</span>
            {e.description ? <span className="block text-xs text-slate-500">{e.description}</span> : null}
          </li>
        ))}
      </ul>
    </section>
  );
}
