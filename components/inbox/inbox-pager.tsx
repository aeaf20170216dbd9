import { AppLink } from '@/components/ui/app-link';
import { inboxHref, type InboxPageQuery } from './inbox-page-query';

const linkClass = 'rounded-md bg-white px-3 py-2 text-sm font-semibold text-slate-800 shadow-sm ring-1 ring-slate-300 hover:bg-slate-100 focus-visible:outline-2 focus-visible:outline-brand-600';

/**
 * Keyset paging of the queue: "Next requests" continues behind the last one shown (a cursor, never a page
 * number), "Oldest requests" goes back to the start. Plain links with the page size: shareable, no JavaScript needed.
 */
export function InboxPager({ page, nextCursor }: { page: InboxPageQuery; nextCursor: string | null }) {
  if (!nextCursor && !page.after) return null;
  return (
    <nav aria-label="Pages" className="mt-4 flex flex-wrap items-center justify-between gap-3">
      {page.after ? (
        <AppLink href={inboxHref({ limit: page.limit })} className="text-sm font-medium text-brand-700 underline">
          <span aria-hidden="true">← </span>
          Oldest requests
        </AppLink>
      ) : (
        <span />
      )}
      {nextCursor ? (
        <AppLink href={inboxHref({ after: nextCursor, limit: page.limit })} className={linkClass} rel="next">
          Next requests
          <span aria-hidden="true"> →</span>
        </AppLink>
      ) : null}
    </nav>
  );
}
