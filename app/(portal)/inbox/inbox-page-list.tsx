import { AppLink } from '@/components/ui/app-link';
import { InboxList } from '@/components/inbox/inbox-list';
import { INBOX_PAGE_SIZE, type InboxPageQuery } from '@/components/inbox/inbox-page-query';
import { FormError } from '@/components/ui/form-error';
import { isAppError } from '@/lib/errors';
import { countInboxForView, type PortalPage } from '@/lib/http/page-prelude';
import { listInboxPage, type InboxPage } from '@/lib/services/requests/queries';

/** A page link that does not work: a message with the way back, not an error page. */
export function BadInboxLink({ message }: { message: string }) {
  return (
    <FormError title="This page link does not work">
      {message} <AppLink href="/inbox" className="underline">Start from the oldest requests</AppLink>.
    </FormError>
  );
}

/**
 * One page of the queue, streamed after the page's header (inside <Suspense>): the first render comes
 * from here; the list then keeps itself current through /api/portal/inbox.
 */
export async function InboxPageList({ page, query }: { page: PortalPage; query: InboxPageQuery }) {
  const counting = countInboxForView(); // beside the listing (the layout's badge awaits the same count)
  let listing: InboxPage;
  try {
    listing = await listInboxPage(page.deps, page.ctx, { after: query.after, limit: query.limit ?? INBOX_PAGE_SIZE });
  } catch (error) {
    if (!isAppError(error) || error.code !== 'bad_request') throw error;
    return <BadInboxLink message={error.message} />;
  }
  return <InboxList initial={{ ...listing, count: await counting }} page={query} />;
}
