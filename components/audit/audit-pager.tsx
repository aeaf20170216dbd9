import { AppLink } from '@/components/ui/app-link';
import { auditHref, type RawFilters } from './audit-query';

const linkClass = 'rounded-md bg-white px-3 py-2 text-sm font-semibold text-slate-800 shadow-sm ring-1 ring-slate-300 hover:bg-slate-100 focus-visible:outline-2 focus-visible:outline-brand-600';
const offClass = 'rounded-md px-3 py-2 text-sm font-semibold text-slate-400 ring-1 ring-slate-200';

/**
 * Keyset paging: "Newer" and "Older" carry the cursor the listing gave out (never a page number), with
 * the filters and page size, so each page is a plain link that can be shared.
 */
export function AuditPager({ raw, limit, prevCursor, nextCursor, isFirstPage }: { raw: RawFilters; limit?: number | undefined; prevCursor: string | null; nextCursor: string | null; isFirstPage: boolean }) {
  if (!prevCursor && !nextCursor && isFirstPage) return null;
  return (
    <nav aria-label="Pages" className="mt-4 flex items-center justify-between gap-3">
      <div className="flex gap-3">
        {prevCursor ? (
          <AppLink href={auditHref(raw, { cursor: prevCursor, limit })} className={linkClass} rel="prev">
            <span aria-hidden="true">← </span>
            Newer
          </AppLink>
        ) : (
          <span className={offClass} aria-disabled="true">
            <span aria-hidden="true">← </span>
            Newer
          </span>
        )}
        {nextCursor ? (
          <AppLink href={auditHref(raw, { cursor: nextCursor, limit })} className={linkClass} rel="next">
            Older
            <span aria-hidden="true"> →</span>
          </AppLink>
        ) : (
          <span className={offClass} aria-disabled="true">
            Older
            <span aria-hidden="true"> →</span>
          </span>
        )}
      </div>
      {!isFirstPage ? (
        <AppLink href={auditHref(raw, { limit })} className="text-sm font-medium text-brand-700 underline">
          Newest events
        </AppLink>
      ) : null}
    </nav>
  );
}
