import { BreakGlassBadge } from '@/components/break-glass/break-glass-badge';
import type { ReactNode } from 'react';
import { StatusPill } from '@/components/ui/status-pill';
import { LocalTime, RelativeTime, TimeLeft } from '@/components/ui/time';
import { stuckRevocationAttempts } from '@/lib/domain/grant-status';
import type { GrantView } from '@/lib/services/views';

function Fact({ term, children }: { term: string; children: ReactNode }) {
  return (
    <>
      <dt className="font-medium text-slate-600">{term}</dt>
      <dd className="text-slate-900">{children}</dd>
    </>
  );
}

const endReasonText: Record<string, string> = { expired: 'time was up', revoked: 'revoked early' };

/** The grant's status and times, plus what went wrong: the failure reason, or a stuck revocation's attempts and last error. */
export function GrantFacts({ grant }: { grant: GrantView }) {
  const stuck = grant.revokeAttempts >= stuckRevocationAttempts;
  return (
    <div className="space-y-4">
      <dl className="grid grid-cols-[max-content_minmax(0,1fr)] gap-x-6 gap-y-2 text-sm break-words">
        <Fact term="Status">
          <StatusPill status={grant.status} /> <BreakGlassBadge show={grant.breakGlass} />
        </Fact>
        <Fact term="Holder">
          {grant.user.name} <span className="text-slate-500">({grant.user.email})</span>
        </Fact>
        <Fact term="Resource">
          {grant.resourceName} <span className="text-slate-500">({grant.resource}, {grant.resourceKind})</span>
        </Fact>
        <Fact term="Role">{grant.role}</Fact>
        <Fact term="Starts">
          <LocalTime iso={grant.startsAt} />
        </Fact>
        <Fact term="Ends">
          <LocalTime iso={grant.expiresAt} />
        </Fact>
        {grant.status === 'scheduled' ? (
          <Fact term="Starts in">
            <RelativeTime iso={grant.startsAt} />
          </Fact>
        ) : null}
        {grant.status === 'active' || grant.status === 'scheduled' ? (
          <Fact term="Time left">
            <span className="tabular-nums">
              <TimeLeft until={grant.expiresAt} atZero="time is up; ending now" />
            </span>
          </Fact>
        ) : null}
        {grant.activatedAt ? (
          <Fact term="Activated">
            <LocalTime iso={grant.activatedAt} />
          </Fact>
        ) : null}
        {grant.endedAt ? (
          <Fact term="Ended">
            <LocalTime iso={grant.endedAt} />
            {grant.endReason ? <span className="text-slate-600"> — {endReasonText[grant.endReason] ?? grant.endReason}</span> : null}
          </Fact>
        ) : null}
        {grant.revokeReason ? <Fact term="Revoke reason">{grant.revokeReason}</Fact> : null}
      </dl>

      {grant.status === 'failed' ? (
        <div role="note" className="rounded-md bg-red-50 p-3 text-sm text-red-900 ring-1 ring-red-200">
          <p className="font-semibold">Access could not be set up in the target system</p>
          <p className="mt-1 break-words">Reason: {grant.failureReason ?? 'no reason was recorded'}</p>
          <p className="mt-1">Fix the cause (or ask an administrator), then request access again.</p>
        </div>
      ) : null}

      {grant.status === 'revoking' ? (
        <div role="note" className={`rounded-md p-3 text-sm ring-1 ${stuck ? 'bg-red-50 text-red-900 ring-red-200' : 'bg-amber-50 text-amber-900 ring-amber-200'}`}>
          <p className="font-semibold">
            {grant.revokeAttempts === 0
              ? 'Removing access from the target system…'
              : `${stuck ? 'Access removal is stuck' : 'Access removal is being retried'}: ${grant.revokeAttempts} failed attempt${grant.revokeAttempts === 1 ? '' : 's'} so far`}
          </p>
          {grant.lastError ? <p className="mt-1 break-words">Last error: {grant.lastError}</p> : null}
          <p className="mt-1">Access may still exist in the target until this succeeds. Timebox keeps retrying, with growing pauses, until it is gone.</p>
        </div>
      ) : null}
    </div>
  );
}
