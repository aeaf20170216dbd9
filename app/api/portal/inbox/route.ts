import { INBOX_PAGE_SIZE, inboxPageQuery } from '@/components/inbox/inbox-page-query';
import { portalRoute } from '@/lib/http/portal-route';
import { countInbox, listInboxPage } from '@/lib/services/requests/queries';

export const dynamic = 'force-dynamic';

/** One page of the approver's queue (the page the inbox shows, for its polling), with the total for the nav badge. */
export const GET = portalRoute({ permission: 'inbox.view', query: inboxPageQuery.strict() }, async ({ deps, ctx, query }) => {
  const [listing, count] = await Promise.all([listInboxPage(deps, ctx, { after: query.after, limit: query.limit ?? INBOX_PAGE_SIZE }), countInbox(deps, ctx)]);
  return { ...listing, count };
});
