import { BreakGlassBadge } from '@/components/break-glass/break-glass-badge';
import Link from 'next/link';
import { StatusPill } from '@/components/ui/status-pill';
import { LocalTime, RelativeTime, TimeLeft } from '@/components/ui/time';
import { stuckRevocationAttempts } from '@/lib/domain/grant-status';
import type { ExtensionTicket } from '@/lib/services/grants/queries';
import type { GrantView } from '@/lib/services/views';
import { ExtendControl } from './extend-control';
import { RevokeControl } from './revoke-control';

/** A grant stuck in `revoking`: access may still exist in the target, so say so plainly. */
function RevokingWarning({ grant }: { grant: GrantView }) {
  const stuck = grant.revokeAttempts >= stuckRevocationAttempts;
  return (
    <div role="note" className={`mt-3 rounded-md p-3 text-sm ring-1 ${stuck ? 'bg-red-50 text-red-900 ring-red-200' : 'bg-amber-50 text-amber-900 ring-amber-200'}`}>
      {grant.revokeAttempts === 0 ? (
        <p>Removing access from the target system…</p>
      ) : (
        <>
          <p className="font-semibold">
            {stuck ? 'Access removal is stuck' : 'Access removal is being retried'}: {grant.revokeAttempts} failed attempt{grant.revokeAttempts === 1 ? '' : 's'} so far.
          </p>
          {grant.lastError ? <p className="mt-1 break-words">Last error: {grant.lastError}</p> : null}
          <p className="mt-1">Timebox keeps retrying until the access is gone.</p>
        </>
      )}
    </div>
  );
}

/**
 * One live grant (scheduled, active or revoking) with its time left and what can be done with it.
 * `pendingExtensionMinutes`: an extension already waiting for approval (only one may wait at a time).
 * `extensionTicket`: the ticket rule Extend must meet, for the holder's own grants.
 */
export function LiveGrantCard({
  grant,
  pendingExtensionMinutes,
  extensionTicket,
  showHolder = false,
}: {
  grant: GrantView;
  pendingExtensionMinutes?: number | undefined;
  extensionTicket?: ExtensionTicket | undefined;
  showHolder?: boolean;
}) {
  const what = `${grant.resourceName} / ${grant.role}`;
  const headingId = `grant-${grant.id}`;
  const actionable = grant.status === 'active' || grant.status === 'scheduled';
  return (
    <article aria-labelledby={headingId} data-grant-id={grant.id} className="rounded-lg bg-white p-5 shadow-sm ring-1 ring-slate-200">
      <div className="flex flex-wrap items-start justify-between gap-3">
        <div>
          <h3 id={headingId} className="font-semibold">
            <Link href={`/grants/${grant.id}`} className="hover:underline">
              {grant.resourceName} <span className="text-slate-400">/</span> {grant.role}
            </Link>
          </h3>
          {showHolder ? (
            <p className="text-sm text-slate-600">
              {grant.user.name} <span className="text-slate-400">({grant.user.email})</span>
            </p>
          ) : null}
          <p className="mt-1 text-sm text-slate-600">
            {grant.status === 'scheduled' ? (
              <>
                starts <RelativeTime iso={grant.startsAt} /> · ends <LocalTime iso={grant.expiresAt} />
              </>
            ) : (
              <>
                ends <LocalTime iso={grant.expiresAt} />
              </>
            )}
          </p>
        </div>
        <div className="text-right">
          <StatusPill status={grant.status} /> <BreakGlassBadge show={grant.breakGlass} />
          {grant.status === 'active' ? (
            <p className="mt-1 text-lg font-semibold tabular-nums">
              <TimeLeft until={grant.expiresAt} atZero="time is up; ending now" />
            </p>
          ) : null}
        </div>
      </div>
      {grant.status === 'revoking' ? <RevokingWarning grant={grant} /> : null}
      <div aria-live="polite">
        {pendingExtensionMinutes !== undefined ? (
          <p className="mt-3 text-sm text-amber-900">Extension of {pendingExtensionMinutes} minutes is waiting for approval.</p>
        ) : null}
      </div>
      {actionable ? (
        <div className="mt-4 flex flex-wrap items-start gap-3">
          {!showHolder && !grant.breakGlass && pendingExtensionMinutes === undefined ? <ExtendControl grantId={grant.id} what={what} ticket={extensionTicket} /> : null}
          <RevokeControl grantId={grant.id} what={showHolder ? `${what} of ${grant.user.name}` : what} />
        </div>
      ) : null}
    </article>
  );
}
