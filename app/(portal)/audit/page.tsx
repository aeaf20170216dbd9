import type { Metadata } from 'next';
import Link from 'next/link';
import { AuditEventsTable } from '@/components/audit/audit-events-table';
import { AuditFilterForm } from '@/components/audit/audit-filter-form';
import { AuditNav } from '@/components/audit/audit-nav';
import { AuditPager } from '@/components/audit/audit-pager';
import { filterQuery, readAuditQuery, type SearchParams } from '@/components/audit/audit-query';
import { ExportButtons } from '@/components/audit/export-buttons';
import { VerifyTrail } from '@/components/audit/verify-trail';
import { Forbidden } from '@/components/shell/forbidden';
import { EmptyState } from '@/components/ui/empty-state';
import { FormError } from '@/components/ui/form-error';
import { PageHeader } from '@/components/ui/page-header';
import { listAuditEvents } from '@/lib/audit/audit-service';
import type { AuditPage } from '@/lib/audit/query';
import { isAppError } from '@/lib/errors';
import { listAuditFilterOptions } from '@/lib/services/metrics/filter-options';
import { portalPage } from '@/lib/http/page-prelude';

export const dynamic = 'force-dynamic';
export const metadata: Metadata = { title: 'Audit' };

export default async function Page({ searchParams }: { searchParams: Promise<SearchParams> }) {
  const page = await portalPage('audit.read');
  if (!page) return <Forbidden what="Audit" />;
  const query = readAuditQuery(await searchParams);
  const options = await listAuditFilterOptions(page.deps, page.ctx);

  // Bad filters are shown next to their fields; a stale or forged cursor is a message, not a crash.
  let errors: Record<string, string> = query.ok ? {} : query.errors;
  let listing: AuditPage | null = null;
  if (query.ok) {
    try {
      listing = await listAuditEvents(page.deps, page.ctx, { ...query.filters, limit: query.limit, cursor: query.cursor });
    } catch (error) {
      if (!isAppError(error) || error.code !== 'bad_request') throw error;
      const field = typeof error.details?.field === 'string' ? error.details.field : 'cursor';
      errors = { [field]: error.message };
    }
  }
  const filtered = Object.keys(query.raw).length > 0;
  const limit = query.ok ? query.limit : undefined;

  return (
    <>
      <PageHeader title="Audit" description="Every change and every use of access, newest first. The trail is append-only and hash-chained: verify it at any time." />
      <AuditNav current="/audit" />
      <AuditFilterForm raw={query.raw} errors={errors} options={options} limit={limit} />

      <div className="mb-6 grid gap-4 lg:grid-cols-2">
        <ExportButtons query={filterQuery(query.raw)} disabledReason={query.ok ? undefined : 'Fix the filters above to export.'} />
        <VerifyTrail />
      </div>

      <section aria-labelledby="events-heading">
        <h2 id="events-heading" className="mb-3 text-lg font-semibold">
          {filtered ? 'Matching events' : 'All events'}
        </h2>
        {errors.cursor || errors.limit ? (
          <div className="mb-4">
            <FormError title="This page link does not work">
              {errors.cursor ?? `limit: ${errors.limit}`} <Link href="/audit" className="underline">Start from the newest events</Link>.
            </FormError>
          </div>
        ) : null}
        {!listing ? (
          <EmptyState>Fix the filters above to see events.</EmptyState>
        ) : listing.items.length === 0 ? (
          <EmptyState>{filtered ? 'No event matches these filters.' : 'The trail is empty.'}</EmptyState>
        ) : (
          <AuditEventsTable events={listing.items} raw={query.raw} />
        )}
        {listing ? <AuditPager raw={query.raw} limit={limit} prevCursor={listing.prevCursor} nextCursor={listing.nextCursor} isFirstPage={!(query.ok && query.cursor)} /> : null}
      </section>
    </>
  );
}
