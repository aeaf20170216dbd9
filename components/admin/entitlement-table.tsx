import { AppLink } from '@/components/ui/app-link';
import { DataTable, type Column } from '@/components/ui/data-table';
import type { ActionResult } from '@/lib/http/server-action';
import type { AdminEntitlementView } from '@/lib/services/admin/admin-views';
import { ArchiveButton } from './archive-button';
import { policySummary } from './policy-summary';

type ArchiveAction = (input: { entitlementId: string }) => Promise<ActionResult<unknown>>;

function columnsFor(archiveAction: ArchiveAction | undefined): Column<AdminEntitlementView>[] {
  return [
    {
      header: 'Role',
      rowHeader: true,
      className: 'font-semibold',
      cell: (e) => (
        <>
          {e.role}
          {e.archivedAt ? <span className="ml-2 rounded bg-slate-100 px-1.5 py-0.5 text-xs font-normal text-slate-600">archived</span> : null}
          {e.description ? <span className="block text-xs font-normal text-slate-500">{e.description}</span> : null}
        </>
      ),
    },
    { header: 'Policy', className: 'text-slate-700', cell: (e) => policySummary(e.policy) },
    { header: 'Live grants', className: 'tabular-nums', cell: (e) => e.liveGrants },
    {
      header: 'Actions',
      hideHeader: true,
      className: 'text-right whitespace-nowrap',
      cell: (e) =>
        e.archivedAt ? null : (
          <div className="flex items-start justify-end gap-2">
            <AppLink href={`/admin/entitlements/${e.id}`} aria-label={`Edit role ${e.role} and its policy`} className="rounded-md px-3 py-2 font-semibold text-brand-700 ring-1 ring-slate-300 hover:bg-slate-100">
              Edit
            </AppLink>
            {archiveAction ? (
              <ArchiveButton label={`Archive role ${e.role}`} what={`role ${e.role}`} consequence="Requesters will no longer see it." action={archiveAction} input={{ entitlementId: e.id }} />
            ) : null}
          </div>
        ),
    },
  ];
}

/** A resource's roles with a one-line policy each; archiving offered only where the page passes the action. */
export function EntitlementTable({ entitlements, caption, archiveAction }: { entitlements: AdminEntitlementView[]; caption: string; archiveAction?: ArchiveAction }) {
  return (
    <DataTable
      look="plain"
      className="mt-4"
      caption={caption}
      columns={columnsFor(archiveAction)}
      rows={entitlements}
      rowKey={(e) => e.id}
      empty="No roles yet: nothing on this resource can be requested."
      alignTop
    />
  );
}
