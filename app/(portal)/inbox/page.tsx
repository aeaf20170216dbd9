import type { Metadata } from 'next';
import { InboxList } from '@/components/inbox/inbox-list';
import { Forbidden } from '@/components/shell/forbidden';
import { PageHeader } from '@/components/ui/page-header';
import { requirePageActor } from '@/lib/auth/page-guard';
import type { ActorContext } from '@/lib/domain/context';
import { can } from '@/lib/domain/permissions';
import { countInbox, listInbox } from '@/lib/services/requests/queries';
import { getServiceDeps } from '@/lib/services/runtime';

export const dynamic = 'force-dynamic';
export const metadata: Metadata = { title: 'Inbox' };

export default async function Page() {
  const actor = await requirePageActor();
  if (!can(actor, 'inbox.view')) return <Forbidden what="Inbox" />;
  const deps = await getServiceDeps();
  const ctx: ActorContext = { actor, via: 'web' };
  // The first render comes from here; the list then keeps itself current through /api/portal/inbox.
  const [requests, count] = await Promise.all([listInbox(deps, ctx), countInbox(deps, ctx)]);
  return (
    <>
      <PageHeader title="Inbox" description="Requests waiting for your decision, oldest first. Your own requests never appear here: someone else decides them." />
      <InboxList initial={{ requests, count }} />
    </>
  );
}
