import type { Metadata } from 'next';
import { AppLink } from '@/components/ui/app-link';
import { GrantsRefresher } from '@/components/grants/grants-refresher';
import { LiveGrantCard } from '@/components/grants/live-grant-card';
import { PastGrantsTable } from '@/components/grants/past-grants-table';
import { Forbidden } from '@/components/shell/forbidden';
import { ActionNotice } from '@/components/ui/action-notice';
import { PageHeader } from '@/components/ui/page-header';
import type { ActorContext } from '@/lib/domain/context';
import { liveGrantStatuses } from '@/lib/domain/grant-status';
import { isUuid } from '@/lib/domain/ids';
import { can } from '@/lib/domain/permissions';
import { portalPage } from '@/lib/http/page-prelude';
import type { ServiceDeps } from '@/lib/services/deps';
import { grantsPageVersion, seesEveryonesGrants } from '@/lib/services/grants/grants-page-version';
import { extensionTickets, getGrant, listGrants, listLiveGrantsIApproved } from '@/lib/services/grants/queries';
import { listMyRequests } from '@/lib/services/requests/queries';
import type { GrantView } from '@/lib/services/views';

export const dynamic = 'force-dynamic';
export const metadata: Metadata = { title: 'Grants' };

const isLive = (g: GrantView) => (liveGrantStatuses as readonly string[]).includes(g.status);
const byEnd = (a: GrantView, b: GrantView) => a.expiresAt.localeCompare(b.expiresAt);

/** Everyone's live grants, for admins: one query per live status keeps the list free of history. */
async function everyonesLiveGrants(deps: ServiceDeps, ctx: ActorContext): Promise<GrantView[]> {
  const lists = await Promise.all(liveGrantStatuses.map((status) => listGrants(deps, ctx, { all: true, status })));
  return lists.flat().sort(byEnd);
}

/** The grant a Revoke just ended (its id from the URL): looked up as the actor may see it, else nothing. */
async function justRevoked(deps: ServiceDeps, ctx: ActorContext, id: string | string[] | undefined): Promise<GrantView | null> {
  if (typeof id !== 'string' || !isUuid(id)) return null;
  const grant = await getGrant(deps, ctx, id).catch(() => null);
  return grant && grant.status !== 'active' && grant.status !== 'scheduled' ? grant : null;
}

export default async function Page({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const page = await portalPage('grants.read');
  if (!page) return <Forbidden what="Grants" />;
  const { deps, ctx } = page;
  const revoked = await justRevoked(deps, ctx, (await searchParams).revoked);
  const isAdmin = seesEveryonesGrants(ctx);
  // Approvers follow what they approved; admins already see it among everyone's.
  const followsApproved = !isAdmin && can(ctx, 'inbox.view') && can(ctx, 'approvals.read');
  // The fingerprint is taken first: anything that moves while the lists load makes the next poll refresh.
  const version = await grantsPageVersion(deps, ctx);
  const [mine, pendingRequests, everyone, approved] = await Promise.all([
    listGrants(deps, ctx),
    listMyRequests(deps, ctx, { status: 'pending' }),
    isAdmin ? everyonesLiveGrants(deps, ctx) : Promise.resolve([]),
    followsApproved ? listLiveGrantsIApproved(deps, ctx) : Promise.resolve([]),
  ]);
  const now = deps.clock.now();
  const viewerId = ctx.actor.id;
  const live = mine.filter(isLive).sort(byEnd);
  const past = mine.filter((g) => !isLive(g)).sort((a, b) => (b.endedAt ?? b.expiresAt).localeCompare(a.endedAt ?? a.expiresAt));
  const tickets = await extensionTickets(deps, ctx, live.map((g) => g.id));
  const pendingExtension = new Map(pendingRequests.filter((r) => r.extendsGrantId).map((r) => [r.extendsGrantId!, r.durationMinutes]));

  return (
    <>
      <PageHeader title="Grants" description="The access you hold right now, how long it has left, and what you held before. This page updates by itself." />
      <GrantsRefresher version={version} />
      {revoked ? (
        <ActionNotice>
          {revoked.status === 'revoking' ? 'Revoked: removing' : 'Revoked: ended'} access to {revoked.resourceName} / {revoked.role}
          {revoked.user.id === ctx.actor.id ? '' : ` for ${revoked.user.name}`}
          {revoked.status === 'revoking' ? ' from the target system now.' : '.'}
        </ActionNotice>
      ) : null}

      <section aria-labelledby="current-heading" className="mb-10">
        <h2 id="current-heading" className="mb-3 text-lg font-semibold">
          Current grants
        </h2>
        {live.length === 0 ? (
          <p className="rounded-lg border border-dashed border-slate-300 bg-white p-6 text-sm text-slate-700">
            You hold no access right now. <AppLink href="/requests/new" className="font-medium text-brand-700 underline">Request access</AppLink> when you need it.
          </p>
        ) : (
          <div className="space-y-4">
            {live.map((g) => (
              <LiveGrantCard key={g.id} grant={g} viewerId={viewerId} serverNow={now} pendingExtensionMinutes={pendingExtension.get(g.id)} extensionTicket={tickets.get(g.id)} />
            ))}
          </div>
        )}
      </section>

      {isAdmin ? (
        <section aria-labelledby="everyone-heading" className="mb-10">
          <h2 id="everyone-heading" className="mb-3 text-lg font-semibold">
            Everyone&apos;s active grants
          </h2>
          {everyone.length === 0 ? (
            <p className="text-sm text-slate-600">Nobody holds access right now.</p>
          ) : (
            <div className="space-y-4">
              {everyone.map((g) => (
                <LiveGrantCard key={g.id} grant={g} view="everyone" viewerId={viewerId} serverNow={now} />
              ))}
            </div>
          )}
        </section>
      ) : null}

      {followsApproved ? (
        <section aria-labelledby="approved-heading" className="mb-10">
          <h2 id="approved-heading" className="mb-1 text-lg font-semibold">
            Live grants I approved
          </h2>
          <p className="mb-3 text-sm text-slate-600">Access you approved that is scheduled or in use now, soonest end first. Read-only: the holder or an admin can end it.</p>
          {approved.length === 0 ? (
            <p className="text-sm text-slate-600">None of the access you approved is live now.</p>
          ) : (
            <div className="space-y-4">
              {approved.map((g) => (
                <LiveGrantCard key={g.id} grant={g} view="approved" viewerId={viewerId} serverNow={now} />
              ))}
            </div>
          )}
        </section>
      ) : null}

      <section aria-labelledby="past-heading">
        <h2 id="past-heading" className="mb-3 text-lg font-semibold">
          Past grants
        </h2>
        {past.length === 0 ? <p className="text-sm text-slate-600">None yet.</p> : <PastGrantsTable grants={past} />}
      </section>
    </>
  );
}
