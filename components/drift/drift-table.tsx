import { Badge } from '@/components/ui/badge';
import { DataTable, type Column } from '@/components/ui/data-table';
import type { DriftItem } from '@/lib/services/reconcile/reconcile';

type Row = Pick<DriftItem, 'resource' | 'principal' | 'role' | 'detail' | 'removed'> & { key: string };

const columns: Column<Row>[] = [
  { header: 'Resource', className: 'font-medium', cell: (r) => r.resource },
  { header: 'Principal', className: 'font-mono text-xs break-all', cell: (r) => r.principal },
  { header: 'Access', className: 'font-mono text-xs', cell: (r) => r.role },
  { header: 'Detail', className: 'break-words text-slate-700', cell: (r) => r.detail ?? '—' },
  { header: 'Outcome', cell: (r) => (r.removed ? <Badge tone="success">removed</Badge> : <Badge tone="warning">reported</Badge>) },
];

/** Access found in a target that no live grant explains, one row per principal and privilege. */
export function DriftTable({ rows, caption }: { rows: Row[]; caption: string }) {
  return <DataTable caption={caption} columns={columns} rows={rows} rowKey={(r) => r.key} />;
}
