import { BreakGlassBadge } from '@/components/break-glass/break-glass-badge';
import { AppLink } from '@/components/ui/app-link';
import { DataTable, type Column } from '@/components/ui/data-table';
import { StatusPill } from '@/components/ui/status-pill';
import { LocalTime } from '@/components/ui/time';
import type { GrantView } from '@/lib/services/views';

/** Why a grant ended, in one line. */
function endedBecause(g: GrantView): string {
  if (g.status === 'failed') return `provisioning failed: ${g.failureReason ?? 'no reason recorded'}`;
  if (g.status === 'revoked') return g.revokeReason ? `revoked: ${g.revokeReason}` : 'revoked early';
  return 'time was up';
}

const columns: Column<GrantView>[] = [
  {
    header: 'Resource',
    className: 'font-medium',
    cell: (g) => (
      <AppLink href={`/grants/${g.id}`} className="hover:underline">
        {g.resourceName}
      </AppLink>
    ),
  },
  { header: 'Role', cell: (g) => g.role },
  {
    header: 'Status',
    cell: (g) => (
      <>
        <StatusPill status={g.status} /> <BreakGlassBadge show={g.breakGlass} />
      </>
    ),
  },
  { header: 'From', className: 'whitespace-nowrap', cell: (g) => <LocalTime iso={g.activatedAt ?? g.startsAt} /> },
  { header: 'Ended', className: 'whitespace-nowrap', cell: (g) => <LocalTime iso={g.endedAt ?? g.expiresAt} /> },
  { header: 'Reason', className: 'break-words text-slate-700', cell: endedBecause },
];

export function PastGrantsTable({ grants }: { grants: GrantView[] }) {
  return <DataTable caption="Past grants, most recent first" columns={columns} rows={grants} rowKey={(g) => g.id} rowData={(g) => ({ 'data-grant-id': g.id })} />;
}
