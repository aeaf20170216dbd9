import { InboxCountBadge } from '@/components/inbox/inbox-count-badge';
import { NotificationBell } from '@/components/notify/notification-bell';
import { ReviewCountBadge } from '@/components/shell/review-count-badge';
import { countInboxForView, portalPage } from '@/lib/http/page-prelude';
import { countReviewQueue } from '@/lib/services/break-glass/review-queue';
import { listBell } from '@/lib/services/notify/bell';

// The header's counts, each rendered inside a <Suspense> of the layout: they stream in after the first
// byte instead of holding the whole page back (the inbox count was the slowest statement of a view).
// portalPage() and countInboxForView() are cached per render, so the page below shares their queries.

/** How many requests wait for this approver, beside the Inbox link. */
export async function InboxCount() {
  return <InboxCountBadge initialCount={await countInboxForView()} />;
}

/** How many break-glass grants wait for this approver's review, beside Reviews. */
export async function ReviewCount() {
  const { deps, ctx } = await portalPage();
  return <ReviewCountBadge count={await countReviewQueue(deps, ctx)} />;
}

/** The in-portal notifications: everyone has a bell. */
export async function Bell() {
  const { deps, ctx } = await portalPage();
  return <NotificationBell initial={await listBell(deps, ctx)} />;
}
