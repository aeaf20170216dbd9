import { BreakGlassBadge } from '@/components/break-glass/break-glass-badge';
import { Badge } from '@/components/ui/badge';
import { DataTable, type Column } from '@/components/ui/data-table';
import { StatusPill } from '@/components/ui/status-pill';
import { LocalTime, RelativeTime } from '@/components/ui/time';
import type { RequestView } from '@/lib/services/views';
import { CancelRequestButton } from './cancel-request-button';
import { ReviewsList } from './reviews-list';
import { approvalProgressText } from '@/lib/domain/approval-progress';

const ended = new Set(['expired', 'revoked', 'failed']);

function GrantCell({ request }: { request: RequestView }) {
  const grant = request.grant;
  if (request.extendsGrantId) return <span className="text-slate-500">extends a grant</span>;
  if (!grant) return <span className="text-slate-500">none</span>;
  return (
    <div className="space-y-1">
      <StatusPill status={grant.status} />
      <div className="text-xs text-slate-600">
        {ended.has(grant.status) ? 'ended ' : 'ends '}
        <LocalTime iso={grant.endedAt ?? grant.expiresAt} />
      </div>
    </div>
  );
}

const columns: Column<RequestView>[] = [
  {
    header: 'Resource',
    cell: (r) => (
      <>
        <div className="font-medium">{r.resourceName}</div>
        <div className="text-xs text-slate-500">
          asked <RelativeTime iso={r.createdAt} />
        </div>
        {r.justification ? <div className="mt-1 max-w-xs text-xs break-words text-slate-600">{r.justification}</div> : null}
        {r.ticket ? <div className="text-xs text-slate-600">Ticket {r.ticket}</div> : null}
      </>
    ),
  },
  {
    header: 'Role',
    cell: (r) => (
      <>
        {r.role}
        {r.extendsGrantId ? (
          <Badge tone="info" className="ml-2">
            extension
          </Badge>
        ) : null}
      </>
    ),
  },
  {
    header: 'Duration',
    className: 'whitespace-nowrap',
    cell: (r) => (
      <>
        {r.durationMinutes} min
        {/* A scheduled request says when it starts, in the reader's time (UTC on hover). */}
        {r.startAt ? (
          <div className="mt-1 text-xs text-slate-500" data-testid="request-start">
            starts <LocalTime iso={r.startAt} />
          </div>
        ) : null}
      </>
    ),
  },
  {
    header: 'Status',
    cell: (r) => (
      <>
        <StatusPill status={r.status} /> <BreakGlassBadge show={r.breakGlass} />
        {r.autoApproved ? <div className="mt-1 text-xs text-slate-500">auto-approved</div> : null}
        {r.status === 'pending' && r.approvals && !r.autoApproved ? <div className="mt-1 text-xs text-slate-700">{approvalProgressText(r.approvals)}</div> : null}
        {r.status === 'pending' ? (
          <div className="mt-1 text-xs text-slate-500">
            lapses <RelativeTime iso={r.expiresAt} />
          </div>
        ) : null}
      </>
    ),
  },
  { header: 'Grant', cell: (r) => <GrantCell request={r} /> },
  { header: 'Reviews', cell: (r) => <ReviewsList reviews={r.reviews} empty={r.autoApproved || r.breakGlass ? 'none needed' : 'none yet'} /> },
  { header: 'Actions', hideHeader: true, cell: (r) => (r.status === 'pending' ? <CancelRequestButton requestId={r.id} what={`${r.resourceName} / ${r.role}`} /> : null) },
];

/** The actor's requests, newest first, with what became of each. */
export function MyRequestsTable({ requests }: { requests: RequestView[] }) {
  return <DataTable caption="Your requests, newest first" columns={columns} rows={requests} rowKey={(r) => r.id} rowData={(r) => ({ 'data-request-id': r.id })} alignTop />;
}
