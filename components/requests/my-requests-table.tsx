import { Badge } from '@/components/ui/badge';
import { StatusPill } from '@/components/ui/status-pill';
import { LocalTime, RelativeTime } from '@/components/ui/time';
import type { RequestView } from '@/lib/services/views';
import { CancelRequestButton } from './cancel-request-button';
import { ReviewsList } from './reviews-list';

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

/** The actor's requests, newest first, with what became of each. */
export function MyRequestsTable({ requests }: { requests: RequestView[] }) {
  return (
    <div className="overflow-x-auto rounded-lg bg-white shadow-sm ring-1 ring-slate-200">
      <table className="min-w-full divide-y divide-slate-200 text-sm">
        <caption className="sr-only">Your requests, newest first</caption>
        <thead className="bg-slate-50 text-left text-xs font-semibold tracking-wide text-slate-600 uppercase">
          <tr>
            <th scope="col" className="px-4 py-3">
              Resource
            </th>
            <th scope="col" className="px-4 py-3">
              Role
            </th>
            <th scope="col" className="px-4 py-3">
              Duration
            </th>
            <th scope="col" className="px-4 py-3">
              Status
            </th>
            <th scope="col" className="px-4 py-3">
              Grant
            </th>
            <th scope="col" className="px-4 py-3">
              Reviews
            </th>
            <th scope="col" className="px-4 py-3">
              <span className="sr-only">Actions</span>
            </th>
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-100 align-top">
          {requests.map((r) => (
            <tr key={r.id} data-request-id={r.id}>
              <td className="px-4 py-3">
                <div className="font-medium">{r.resourceName}</div>
                <div className="text-xs text-slate-500">
                  asked <RelativeTime iso={r.createdAt} />
                </div>
                {r.justification ? <div className="mt-1 max-w-xs text-xs break-words text-slate-600">{r.justification}</div> : null}
                {r.ticket ? <div className="text-xs text-slate-600">Ticket {r.ticket}</div> : null}
              </td>
              <td className="px-4 py-3">
                {r.role}
                {r.extendsGrantId ? (
                  <Badge tone="info" className="ml-2">
                    extension
                  </Badge>
                ) : null}
              </td>
              <td className="px-4 py-3 whitespace-nowrap">{r.durationMinutes} min</td>
              <td className="px-4 py-3">
                <StatusPill status={r.status} />
                {r.autoApproved ? <div className="mt-1 text-xs text-slate-500">auto-approved</div> : null}
                {r.status === 'pending' ? (
                  <div className="mt-1 text-xs text-slate-500">
                    lapses <RelativeTime iso={r.expiresAt} />
                  </div>
                ) : null}
              </td>
              <td className="px-4 py-3">
                <GrantCell request={r} />
              </td>
              <td className="px-4 py-3">
                <ReviewsList reviews={r.reviews} empty={r.autoApproved ? 'none needed' : 'none yet'} />
              </td>
              <td className="px-4 py-3">{r.status === 'pending' ? <CancelRequestButton requestId={r.id} what={`${r.resourceName} / ${r.role}`} /> : null}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
