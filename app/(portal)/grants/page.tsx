import type { Metadata } from 'next';
import Link from 'next/link';
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
import { extensionTickets, getGrant, listGrants } from '@/lib/services/grants/queries';
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
  const isAdmin = can(ctx, 'grants.read_all') && can(ctx, 'grants.revoke_any');
  const [mine, pendingRequests, everyone] = await Promise.all([
    listGrants(deps, ctx),
    listMyRequests(deps, ctx, { status: 'pending' }),
    isAdmin ? everyonesLiveGrants(deps, ctx) : Promise.resolve([]),
  ]);
  const live = mine.filter(isLive).sort(byEnd);
  const past = mine.filter((g) => !isLive(g)).sort((a, b) => (b.endedAt ?? b.expiresAt).localeCompare(a.endedAt ?? a.expiresAt));
  const tickets = await extensionTickets(deps, ctx, live.map((g) => g.id));
  const pendingExtension = new Map(pendingRequests.filter((r) => r.extendsGrantId).map((r) => [r.extendsGrantId!, r.durationMinutes]));

  return (
    <>
      <PageHeader title="Grants" description="The access you hold right now, how long it has left, and what you held before." />
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
            You hold no access right now. <Link href="/requests/new" className="font-medium text-brand-700 underline">Request access</Link> when you need it.
          </p>
        ) : (
          <div className="space-y-4">
            {live.map((g) => (
              <LiveGrantCard key={g.id} grant={g} pendingExtensionMinutes={pendingExtension.get(g.id)} extensionTicket={tickets.get(g.id)} />
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
                <LiveGrantCard key={g.id} grant={g} showHolder />
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
