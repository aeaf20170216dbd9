import type { CatalogEntry } from '@/lib/services/requests/catalog';

const plural = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;

/** Whether a request of `duration` minutes would skip approval, in the words the panel shows. */
export function autoApprovalText(policy: CatalogEntry['policy'], duration: number | null): string {
  const limit = policy.autoApproveUpToMinutes;
  if (duration !== null && duration > policy.maxDurationMinutes) return `Too long: at most ${plural(policy.maxDurationMinutes, 'minute', 'minutes')}`;
  if (limit === null) return 'Needs approval';
  if (duration === null || duration <= limit) return `Auto-approved: yes, up to ${plural(limit, 'minute', 'minutes')}`;
  return `Needs approval (auto-approval covers up to ${plural(limit, 'minute', 'minutes')})`;
}

/**
 * The policy that applies to the chosen role, shown before the requester submits, so nobody
 * learns the rules from an error. Live region: it updates as the role and duration change.
 */
export function PolicySummary({ entry, duration }: { entry: CatalogEntry | null; duration: number | null }) {
  return (
    <section aria-labelledby="policy-heading" aria-live="polite" className="rounded-lg bg-white p-5 text-sm shadow-sm ring-1 ring-slate-200">
      <h2 id="policy-heading" className="font-semibold text-slate-900">
        Policy for this role
      </h2>
      {entry ? (
        <dl className="mt-3 grid grid-cols-[auto_1fr] gap-x-4 gap-y-2">
          <dt className="text-slate-500">Longest duration</dt>
          <dd>{plural(entry.policy.maxDurationMinutes, 'minute', 'minutes')}</dd>
          <dt className="text-slate-500">Approval</dt>
          <dd>
            {plural(entry.policy.requiredApprovals, 'approval', 'approvals')} from {entry.policy.approverGroups.join(', ') || 'nobody (no approver group set)'}
          </dd>
          <dt className="text-slate-500">Justification</dt>
          <dd>{entry.policy.justificationRequired ? (entry.policy.justificationMinLength > 1 ? `required, at least ${entry.policy.justificationMinLength} characters` : 'required') : 'optional'}</dd>
          <dt className="text-slate-500">Ticket</dt>
          <dd>
            {entry.policy.ticketRequired ? 'required' : 'not needed'}
            {entry.policy.ticketRequired && entry.policy.ticketExample ? (
              <>
                , like <code className="rounded bg-slate-100 px-1">{entry.policy.ticketExample}</code>
              </>
            ) : entry.policy.ticketRequired && entry.policy.ticketPattern ? (
              <>
                , matching <code className="rounded bg-slate-100 px-1">{entry.policy.ticketPattern}</code>
              </>
            ) : null}
          </dd>
          <dt className="text-slate-500">Decision</dt>
          <dd className="font-medium" data-testid="auto-approval">
            {autoApprovalText(entry.policy, duration)}
          </dd>
        </dl>
      ) : (
        <p className="mt-2 text-slate-600">Choose a resource and a role to see who approves it and for how long.</p>
      )}
    </section>
  );
}
