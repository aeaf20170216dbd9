import type { Metadata } from 'next';
import { InboxList } from '@/components/inbox/inbox-list';
import { Forbidden } from '@/components/shell/forbidden';
import { PageHeader } from '@/components/ui/page-header';
import { countInboxForView, portalPage } from '@/lib/http/page-prelude';
import { listInbox } from '@/lib/services/requests/queries';

export const dynamic = 'force-dynamic';
export const metadata: Metadata = { title: 'Inbox' };

export default async function Page() {
  const page = await portalPage('inbox.view');
  if (!page) return <Forbidden what="Inbox" />;
  const { deps, ctx } = page;
  // The first render comes from here; the list then keeps itself current through /api/portal/inbox.
  const [requests, count] = await Promise.all([listInbox(deps, ctx), countInboxForView()]);
  return (
    <>
      <PageHeader title="Inbox" description="Requests waiting for your decision, oldest first. Your own requests never appear here: someone else decides them." />
      <InboxList initial={{ requests, count }} />
    </>
  );
}
