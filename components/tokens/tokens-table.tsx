import { LocalTime, RelativeTime } from '@/components/ui/time';
import { StatusPill } from '@/components/ui/status-pill';
import type { TokenView } from '@/lib/services/tokens/token-view';
import { RevokeTokenButton } from './revoke-token-button';

/** The user's tokens, newest first: enough to recognise each one, never the secret. */
export function TokensTable({ tokens }: { tokens: TokenView[] }) {
  if (tokens.length === 0) return <p className="rounded-lg bg-white p-5 text-sm text-slate-600 ring-1 ring-slate-200">You have no API tokens yet.</p>;
  return (
    <div className="overflow-x-auto rounded-lg bg-white shadow-sm ring-1 ring-slate-200">
      <table className="min-w-full divide-y divide-slate-200 text-sm">
        <caption className="sr-only">Your API tokens</caption>
        <thead className="bg-slate-50 text-left text-xs font-semibold tracking-wide text-slate-600 uppercase">
          <tr>
            <th scope="col" className="px-3 py-2">Name</th>
            <th scope="col" className="px-3 py-2">Token</th>
            <th scope="col" className="px-3 py-2">Scopes</th>
            <th scope="col" className="px-3 py-2">Created</th>
            <th scope="col" className="px-3 py-2">Expires</th>
            <th scope="col" className="px-3 py-2">Last used</th>
            <th scope="col" className="px-3 py-2">Status</th>
            <th scope="col" className="px-3 py-2">
              <span className="sr-only">Actions</span>
            </th>
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-100">
          {tokens.map((t) => (
            <tr key={t.id} data-testid="token-row">
              <th scope="row" className="px-3 py-2 text-left font-medium">
                {t.name}
              </th>
              <td className="px-3 py-2 font-mono text-xs">tbx_{t.prefix}…</td>
              <td className="px-3 py-2">{t.scopes.join(', ')}</td>
              <td className="px-3 py-2 whitespace-nowrap">
                <LocalTime iso={t.createdAt} />
              </td>
              <td className="px-3 py-2 whitespace-nowrap">{t.expiresAt ? <LocalTime iso={t.expiresAt} /> : 'never'}</td>
              <td className="px-3 py-2 whitespace-nowrap">{t.lastUsedAt ? <RelativeTime iso={t.lastUsedAt} /> : 'never'}</td>
              <td className="px-3 py-2">
                <StatusPill status={t.status} />
              </td>
              <td className="px-3 py-2 text-right">{t.status === 'active' ? <RevokeTokenButton tokenId={t.id} name={t.name} /> : null}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
