import { BreakGlassBadge } from '@/components/break-glass/break-glass-badge';
import { AppLink } from '@/components/ui/app-link';
import { StatusPill } from '@/components/ui/status-pill';
import { LocalTime, RelativeTime, TimeLeft } from '@/components/ui/time';
import { stuckRevocationAttempts } from '@/lib/domain/grant-status';
import type { ExtensionTicket } from '@/lib/services/grants/queries';
import type { GrantView } from '@/lib/services/views';
import { WhileTimeLeft } from '@/components/ui/while-time-left';
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

/** Whose grant the card shows, which decides what it offers: the holder's own, an admin's view of anyone's, an approver's follow-up. */
export type GrantCardView = 'mine' | 'everyone' | 'approved';

/** When the grant starts and ends, in the reader's time (UTC on hover). */
function GrantTimes({ grant }: { grant: GrantView }) {
  if (grant.status === 'scheduled') {
    return (
      <>
        starts <LocalTime iso={grant.startsAt} /> (<RelativeTime iso={grant.startsAt} />) · ends <LocalTime iso={grant.expiresAt} />
      </>
    );
  }
  return (
    <>
      {grant.activatedAt ? (
        <>
          started <LocalTime iso={grant.activatedAt} /> ·{' '}
        </>
      ) : null}
      ends <LocalTime iso={grant.expiresAt} />
    </>
  );
}

/**
 * One live grant (scheduled, active or revoking) with its time left and what can be done with it.
 * - `view`: "mine" offers Extend and Revoke; "everyone" (admins) Revoke with a reason required for
 *   someone else's grant; "approved" (approvers following what they approved) nothing, it is read-only.
 * - `pendingExtensionMinutes`: an extension already waiting for approval (only one may wait at a time).
 * - `extensionTicket`: the ticket rule Extend must meet, for the holder's own grants.
 * - `serverNow`: when the page was rendered. An active grant past its end offers nothing (every action
 *   would fail while the sweep ends it); in the browser, the buttons go at the second the time is up.
 */
export function LiveGrantCard({
  grant,
  view = 'mine',
  viewerId,
  serverNow,
  pendingExtensionMinutes,
  extensionTicket,
}: {
  grant: GrantView;
  view?: GrantCardView;
  viewerId: string;
  serverNow: Date;
  pendingExtensionMinutes?: number | undefined;
  extensionTicket?: ExtensionTicket | undefined;
}) {
  const what = `${grant.resourceName} / ${grant.role}`;
  const headingId = `grant-${view}-${grant.id}`;
  const showHolder = view !== 'mine';
  const timeUp = new Date(grant.expiresAt) <= serverNow;
  const actionable = view !== 'approved' && (grant.status === 'scheduled' || (grant.status === 'active' && !timeUp));
  const others = grant.user.id !== viewerId;
  return (
    <article aria-labelledby={headingId} data-grant-id={grant.id} className="rounded-lg bg-white p-5 shadow-sm ring-1 ring-slate-200">
      <div className="flex flex-wrap items-start justify-between gap-3">
        <div className="min-w-0">
          <h3 id={headingId} className="font-semibold break-words">
            <AppLink href={`/grants/${grant.id}`} className="hover:underline">
              {grant.resourceName} <span className="text-slate-500">/</span> {grant.role}
            </AppLink>
          </h3>
          {showHolder ? (
            <p className="text-sm break-words text-slate-600">
              {grant.user.name} <span className="text-slate-500">({grant.user.email})</span>
            </p>
          ) : null}
          <p className="mt-1 text-sm text-slate-600" data-testid="grant-times">
            <GrantTimes grant={grant} />
          </p>
        </div>
        <div className="sm:text-right">
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
        <WhileTimeLeft until={grant.expiresAt}>
          <div className="mt-4 flex flex-wrap items-start gap-3" data-testid="grant-actions">
            {view === 'mine' && !grant.breakGlass && pendingExtensionMinutes === undefined ? <ExtendControl grantId={grant.id} what={what} ticket={extensionTicket} /> : null}
            <RevokeControl grantId={grant.id} what={others ? `${what} of ${grant.user.name}` : what} reasonRequired={others} />
          </div>
        </WhileTimeLeft>
      ) : null}
    </article>
  );
}
