import { DataTable, type Column } from '@/components/ui/data-table';
import { StatusPill } from '@/components/ui/status-pill';
import { LocalTime, RelativeTime } from '@/components/ui/time';
import type { TokenView } from '@/lib/services/tokens/token-view';
import { RevokeTokenButton } from './revoke-token-button';

const columns: Column<TokenView>[] = [
  { header: 'Name', rowHeader: true, className: 'font-medium', cell: (t) => t.name },
  { header: 'Token', className: 'font-mono text-xs', cell: (t) => `tbx_${t.prefix}…` },
  { header: 'Scopes', cell: (t) => t.scopes.join(', ') },
  { header: 'Created', className: 'whitespace-nowrap', cell: (t) => <LocalTime iso={t.createdAt} /> },
  { header: 'Expires', className: 'whitespace-nowrap', cell: (t) => (t.expiresAt ? <LocalTime iso={t.expiresAt} /> : 'never') },
  { header: 'Last used', className: 'whitespace-nowrap', cell: (t) => (t.lastUsedAt ? <RelativeTime iso={t.lastUsedAt} /> : 'never') },
  { header: 'Status', cell: (t) => <StatusPill status={t.status} /> },
  { header: 'Actions', hideHeader: true, className: 'sm:text-right', cell: (t) => (t.status === 'active' ? <RevokeTokenButton tokenId={t.id} name={t.name} /> : null) },
];

/** The user's tokens, newest first: enough to recognise each one, never the secret. */
export function TokensTable({ tokens }: { tokens: TokenView[] }) {
  return (
    <DataTable
      look="compact"
      caption="Your API tokens"
      columns={columns}
      rows={tokens}
      rowKey={(t) => t.id}
      rowData={() => ({ 'data-testid': 'token-row' })}
      empty="You have no API tokens yet."
    />
  );
}
