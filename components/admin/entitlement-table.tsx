import Link from 'next/link';
import type { ActionResult } from '@/lib/http/server-action';
import type { AdminEntitlementView } from '@/lib/services/admin/admin-views';
import { ArchiveButton } from './archive-button';
import { policySummary } from './policy-summary';

type ArchiveAction = (input: { entitlementId: string }) => Promise<ActionResult<unknown>>;

/** A resource's roles with a one-line policy each; archiving offered only where the page passes the action. */
export function EntitlementTable({ entitlements, caption, archiveAction }: { entitlements: AdminEntitlementView[]; caption: string; archiveAction?: ArchiveAction }) {
  if (entitlements.length === 0) return <p className="mt-4 text-sm text-slate-600">No roles yet: nothing on this resource can be requested.</p>;
  return (
    <table className="mt-4 w-full text-left text-sm">
      <caption className="sr-only">{caption}</caption>
      <thead className="border-b border-slate-200 text-xs tracking-wide text-slate-500 uppercase">
        <tr>
          <th scope="col" className="py-2 pr-4 font-medium">
            Role
          </th>
          <th scope="col" className="py-2 pr-4 font-medium">
            Policy
          </th>
          <th scope="col" className="py-2 pr-4 font-medium">
            Live grants
          </th>
          <th scope="col" className="py-2 font-medium">
            <span className="sr-only">Actions</span>
          </th>
        </tr>
      </thead>
      <tbody className="divide-y divide-slate-100">
        {entitlements.map((e) => (
          <tr key={e.id} className="align-top">
            <th scope="row" className="py-2 pr-4 font-semibold">
              {e.role}
              {e.archivedAt ? <span className="ml-2 rounded bg-slate-100 px-1.5 py-0.5 text-xs font-normal text-slate-600">archived</span> : null}
              {e.description ? <span className="block text-xs font-normal text-slate-500">{e.description}</span> : null}
            </th>
            <td className="py-2 pr-4 text-slate-700">{policySummary(e.policy)}</td>
            <td className="py-2 pr-4 tabular-nums">{e.liveGrants}</td>
            <td className="py-2 text-right whitespace-nowrap">
              {e.archivedAt ? null : (
                <div className="flex items-start justify-end gap-2">
                  <Link href={`/admin/entitlements/${e.id}`} aria-label={`Edit role ${e.role} and its policy`} className="rounded-md px-3 py-2 font-semibold text-brand-700 ring-1 ring-slate-300 hover:bg-slate-100">
                    Edit
                  </Link>
                  {archiveAction ? (
                    <ArchiveButton label={`Archive role ${e.role}`} what={`role ${e.role}`} consequence="Requesters will no longer see it." action={archiveAction} input={{ entitlementId: e.id }} />
                  ) : null}
                </div>
              )}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
