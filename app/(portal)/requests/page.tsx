import type { Metadata } from 'next';
import { AppLink } from '@/components/ui/app-link';
import { CreatedNotice } from '@/components/requests/created-notice';
import { MyRequestsTable } from '@/components/requests/my-requests-table';
import { Forbidden } from '@/components/shell/forbidden';
import { ActionNotice } from '@/components/ui/action-notice';
import { PageHeader } from '@/components/ui/page-header';
import { portalPage } from '@/lib/http/page-prelude';
import { listMyRequests } from '@/lib/services/requests/queries';

export const dynamic = 'force-dynamic';
export const metadata: Metadata = { title: 'My requests' };

export default async function Page({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const page = await portalPage('requests.read');
  if (!page) return <Forbidden what="My requests" />;
  const { created, cancelled } = await searchParams;
  const requests = await listMyRequests(page.deps, page.ctx);
  // The id comes from the URL, so it is only ever looked up among the actor's own requests.
  const justCreated = typeof created === 'string' ? requests.find((r) => r.id === created) : undefined;
  const justCancelled = typeof cancelled === 'string' ? requests.find((r) => r.id === cancelled && r.status === 'cancelled') : undefined;
  return (
    <>
      <PageHeader title="My requests" description="Everything you asked for, newest first, and what became of it.">
        <AppLink href="/requests/new" className="rounded-md bg-brand-600 px-3 py-2 text-sm font-semibold text-white shadow-sm hover:bg-brand-700">
          Request access
        </AppLink>
      </PageHeader>
      {justCreated ? <CreatedNotice request={justCreated} /> : null}
      {justCancelled ? (
        <ActionNotice>
          Request for {justCancelled.resourceName} / {justCancelled.role} cancelled. Nothing was granted.
        </ActionNotice>
      ) : null}
      {requests.length === 0 ? (
        <section aria-label="No requests" className="rounded-lg border border-dashed border-slate-300 bg-white p-6 text-sm text-slate-700">
          You have not asked for any access yet. <AppLink href="/requests/new" className="font-medium text-brand-700 underline">Request access</AppLink> when you need it.
        </section>
      ) : (
        <MyRequestsTable requests={requests} />
      )}
    </>
  );
}
