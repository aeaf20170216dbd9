import Link from 'next/link';
import { StatusPill } from '@/components/ui/status-pill';
import { LocalTime } from '@/components/ui/time';
import type { GrantView } from '@/lib/services/views';

/** Why a grant ended, in one line. */
function endedBecause(g: GrantView): string {
  if (g.status === 'failed') return `provisioning failed: ${g.failureReason ?? 'no reason recorded'}`;
  if (g.status === 'revoked') return g.revokeReason ? `revoked: ${g.revokeReason}` : 'revoked early';
  return 'time was up';
}

export function PastGrantsTable({ grants }: { grants: GrantView[] }) {
  return (
    <div className="overflow-x-auto rounded-lg bg-white shadow-sm ring-1 ring-slate-200">
      <table className="min-w-full divide-y divide-slate-200 text-sm">
        <caption className="sr-only">Past grants, most recent first</caption>
        <thead className="bg-slate-50 text-left text-xs font-semibold tracking-wide text-slate-600 uppercase">
          <tr>
            <th scope="col" className="px-4 py-3">
              Resource
            </th>
            <th scope="col" className="px-4 py-3">
              Role
            </th>
            <th scope="col" className="px-4 py-3">
              Status
            </th>
            <th scope="col" className="px-4 py-3">
              From
            </th>
            <th scope="col" className="px-4 py-3">
              Ended
            </th>
            <th scope="col" className="px-4 py-3">
              Reason
            </th>
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-100">
          {grants.map((g) => (
            <tr key={g.id} data-grant-id={g.id}>
              <td className="px-4 py-3 font-medium">
                <Link href={`/grants/${g.id}`} className="hover:underline">
                  {g.resourceName}
                </Link>
              </td>
              <td className="px-4 py-3">{g.role}</td>
              <td className="px-4 py-3">
                <StatusPill status={g.status} />
              </td>
              <td className="px-4 py-3 whitespace-nowrap">
                <LocalTime iso={g.activatedAt ?? g.startsAt} />
              </td>
              <td className="px-4 py-3 whitespace-nowrap">
                <LocalTime iso={g.endedAt ?? g.expiresAt} />
              </td>
              <td className="px-4 py-3 break-words text-slate-700">{endedBecause(g)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
