import { AppLink } from '@/components/ui/app-link';
import { AuditEventsTable } from '@/components/audit/audit-events-table';
import { AuditPager } from '@/components/audit/audit-pager';
import { auditRows } from '@/components/audit/audit-rows';
import type { RawFilters } from '@/components/audit/audit-query';
import { EmptyState } from '@/components/ui/empty-state';
import { FormError } from '@/components/ui/form-error';
import { listAuditEvents } from '@/lib/audit/audit-service';
import type { AuditFilters } from '@/lib/audit/filters';
import type { AuditPage } from '@/lib/audit/query';
import { isAppError } from '@/lib/errors';
import type { PortalPage } from '@/lib/http/page-prelude';

/** A page link whose cursor or size does not work: a message with the way back, not an error page. */
export function BadAuditLink({ message }: { message: string }) {
  return (
    <div className="mb-4">
      <FormError title="This page link does not work">
        {message} <AppLink href="/audit" className="underline">Start from the newest events</AppLink>.
      </FormError>
    </div>
  );
}

/**
 * One page of events with its pager, streamed after the filters (inside <Suspense>), so the page's
 * first bytes do not wait for the trail.
 */
export async function AuditListing({ page, raw, filters, cursor, limit }: { page: PortalPage; raw: RawFilters; filters: AuditFilters; cursor: string | undefined; limit: number | undefined }) {
  let listing: AuditPage;
  try {
    listing = await listAuditEvents(page.deps, page.ctx, { ...filters, limit, cursor });
  } catch (error) {
    // A stale or forged cursor is a message, not a crash.
    if (!isAppError(error) || error.code !== 'bad_request') throw error;
    return <BadAuditLink message={error.message} />;
  }
  const filtered = Object.keys(raw).length > 0;
  return (
    <>
      {listing.items.length === 0 ? <EmptyState>{filtered ? 'No event matches these filters.' : 'The trail is empty.'}</EmptyState> : <AuditEventsTable rows={auditRows(listing.items, raw)} />}
      <AuditPager raw={raw} limit={limit} prevCursor={listing.prevCursor} nextCursor={listing.nextCursor} isFirstPage={!cursor} />
    </>
  );
}
