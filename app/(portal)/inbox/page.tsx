import type { Metadata } from 'next';
import Link from 'next/link';
import { InboxList } from '@/components/inbox/inbox-list';
import { INBOX_PAGE_SIZE, inboxPageQuery } from '@/components/inbox/inbox-page-query';
import { Forbidden } from '@/components/shell/forbidden';
import { FormError } from '@/components/ui/form-error';
import { PageHeader } from '@/components/ui/page-header';
import { isAppError } from '@/lib/errors';
import { countInboxForView, portalPage } from '@/lib/http/page-prelude';
import { listInboxPage, type InboxPage } from '@/lib/services/requests/queries';

export const dynamic = 'force-dynamic';
export const metadata: Metadata = { title: 'Inbox' };

export default async function Page({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const page = await portalPage('inbox.view');
  if (!page) return <Forbidden what="Inbox" />;
  const { deps, ctx } = page;
  const counting = countInboxForView(); // beside the listing (the layout's badge awaits the same count)
  // A stale or forged page link is a message, not a crash.
  const query = inboxPageQuery.safeParse(await searchParams);
  let failure = query.success ? null : 'It asks for a page this server does not know.';
  let listing: InboxPage | null = null;
  if (query.success) {
    try {
      // The first render comes from here, one page of it; the list then keeps itself current through /api/portal/inbox.
      listing = await listInboxPage(deps, ctx, { after: query.data.after, limit: query.data.limit ?? INBOX_PAGE_SIZE });
    } catch (error) {
      if (!isAppError(error) || error.code !== 'bad_request') throw error;
      failure = error.message;
    }
  }
  return (
    <>
      <PageHeader title="Inbox" description="Requests waiting for your decision, oldest first. Your own requests never appear here: someone else decides them." />
      {listing && query.success ? (
        <InboxList initial={{ ...listing, count: await counting }} page={query.data} />
      ) : (
        <FormError title="This page link does not work">
          {failure} <Link href="/inbox" className="underline">Start from the oldest requests</Link>.
        </FormError>
      )}
    </>
  );
}
