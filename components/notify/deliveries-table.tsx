import { DataTable, type Column } from '@/components/ui/data-table';
import { StatusPill } from '@/components/ui/status-pill';
import { LocalTime } from '@/components/ui/time';
import type { DeliveryView } from '@/lib/services/notify/admin-deliveries';
import { ResendButton } from './resend-button';

const columns: readonly Column<DeliveryView>[] = [
  {
    header: 'Notification',
    rowHeader: true,
    className: 'font-normal',
    cell: (d) => (
      <>
        <span className="block font-medium">{d.subject}</span>
        <span className="block text-xs text-slate-600">
          {d.kind} · <LocalTime iso={d.createdAt} />
        </span>
      </>
    ),
  },
  { header: 'Channel', cell: (d) => d.channel },
  { header: 'To', cell: (d) => <span className="break-all">{d.to}</span> },
  { header: 'Status', cell: (d) => <StatusPill status={d.status} /> },
  { header: 'Attempts', cell: (d) => d.attempts },
  { header: 'Last error', className: 'max-w-xs text-xs break-words text-slate-700', cell: (d) => d.lastError ?? '' },
  { header: 'Actions', hideHeader: true, className: 'text-right', cell: (d) => (d.status === 'failed' ? <ResendButton notificationId={d.id} subject={d.subject} /> : null) },
];

/** Recent deliveries for admins: one row per channel and person, newest first; a failed one can be resent. */
export function DeliveriesTable({ deliveries, empty }: { deliveries: DeliveryView[]; empty: string }) {
  return <DataTable caption="Recent deliveries" columns={columns} rows={deliveries} rowKey={(d) => d.id} rowData={(d) => ({ 'data-notification-id': d.id, 'data-status': d.status })} empty={empty} look="compact" alignTop regionLabel="Recent deliveries" testId="deliveries" />;
}
