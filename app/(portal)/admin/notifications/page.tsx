import type { Metadata } from 'next';
import { AdminPageHeader } from '@/components/admin/admin-page-header';
import { AppLink } from '@/components/ui/app-link';
import { DeliveriesTable } from '@/components/notify/deliveries-table';
import { Forbidden } from '@/components/shell/forbidden';
import { FormError } from '@/components/ui/form-error';
import { portalPage } from '@/lib/http/page-prelude';
import { notificationStatuses } from '@/lib/notify/kinds';
import { deliveryFilterInput, listDeliveries } from '@/lib/services/notify/admin-deliveries';

export const dynamic = 'force-dynamic';
export const metadata: Metadata = { title: 'Notifications' };

const filters = [{ label: 'All', status: undefined }, ...notificationStatuses.map((status) => ({ label: status, status }))];

export default async function Page({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const page = await portalPage('portal.admin');
  if (!page) return <Forbidden what="Notifications" />;
  const filter = deliveryFilterInput.safeParse({ status: (await searchParams).status });
  const status = filter.success ? filter.data.status : undefined;
  const deliveries = filter.success ? await listDeliveries(page.deps, page.ctx, { status }) : [];

  return (
    <>
      <AdminPageHeader
        title="Notifications"
        description="The latest 100 deliveries by e-mail, Slack and webhook: pending ones are retried with backoff for 24 hours, then marked failed. Resend a failed one once its channel works again. Bell notifications are not listed: they need no delivery."
      />
      <nav aria-label="Filter by status" className="mb-4">
        <ul className="flex flex-wrap gap-1">
          {filters.map((f) => (
            <li key={f.label}>
              <AppLink
                href={f.status ? `/admin/notifications?status=${f.status}` : '/admin/notifications'}
                aria-current={filter.success && f.status === status ? 'page' : undefined}
                className="block rounded-md px-3 py-2 text-sm font-medium text-slate-700 capitalize ring-1 ring-slate-200 hover:bg-slate-100 aria-[current=page]:bg-brand-50 aria-[current=page]:text-brand-700"
              >
                {f.label}
              </AppLink>
            </li>
          ))}
        </ul>
      </nav>
      {filter.success ? (
        <DeliveriesTable deliveries={deliveries} empty={status ? `No ${status} deliveries.` : 'Nothing has been sent yet.'} />
      ) : (
        <FormError title="Unknown filter">{filter.error.issues[0]?.message ?? 'Choose a status above.'}</FormError>
      )}
    </>
  );
}
