import type { Metadata } from 'next';
import { Suspense } from 'react';
import { AuditFilterForm } from '@/components/audit/audit-filter-form';
import { AuditNav } from '@/components/audit/audit-nav';
import { filterQuery, readAuditQuery, type SearchParams } from '@/components/audit/audit-query';
import { ExportButtons } from '@/components/audit/export-buttons';
import { VerifyTrail } from '@/components/audit/verify-trail';
import { Forbidden } from '@/components/shell/forbidden';
import { EmptyState } from '@/components/ui/empty-state';
import { Loading } from '@/components/ui/loading';
import { PageHeader } from '@/components/ui/page-header';
import { listAuditFilterOptions } from '@/lib/services/metrics/filter-options';
import { portalPage } from '@/lib/http/page-prelude';
import { AuditListing, BadAuditLink } from './audit-listing';

export const dynamic = 'force-dynamic';
export const metadata: Metadata = { title: 'Audit' };

export default async function Page({ searchParams }: { searchParams: Promise<SearchParams> }) {
  const page = await portalPage('audit.read');
  if (!page) return <Forbidden what="Audit" />;
  const query = readAuditQuery(await searchParams);
  const options = await listAuditFilterOptions(page.deps, page.ctx);

  // Bad filters are shown next to their fields; a bad cursor or page size above the events.
  const errors: Record<string, string> = query.ok ? {} : query.errors;
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
        {query.ok ? (
          <Suspense fallback={<Loading>Loading the events…</Loading>}>
            <AuditListing page={page} raw={query.raw} filters={query.filters} cursor={query.cursor} limit={query.limit} />
          </Suspense>
        ) : (
          <>
            {errors.cursor || errors.limit ? <BadAuditLink message={errors.cursor ?? `limit: ${errors.limit}`} /> : null}
            <EmptyState>Fix the filters above to see events.</EmptyState>
          </>
        )}
      </section>
    </>
  );
}
