import { Badge } from '@/components/ui/badge';
import type { DriftItem } from '@/lib/services/reconcile/reconcile';

type Row = Pick<DriftItem, 'resource' | 'principal' | 'role' | 'detail' | 'removed'> & { key: string };

/** Access found in a target that no live grant explains, one row per principal and privilege. */
export function DriftTable({ rows, caption }: { rows: Row[]; caption: string }) {
  return (
    <div className="overflow-x-auto rounded-lg bg-white shadow-sm ring-1 ring-slate-200">
      <table className="min-w-full divide-y divide-slate-200 text-sm">
        <caption className="sr-only">{caption}</caption>
        <thead className="bg-slate-50 text-left text-xs font-semibold tracking-wide text-slate-600 uppercase">
          <tr>
            <th scope="col" className="px-4 py-3">
              Resource
            </th>
            <th scope="col" className="px-4 py-3">
              Principal
            </th>
            <th scope="col" className="px-4 py-3">
              Access
            </th>
            <th scope="col" className="px-4 py-3">
              Detail
            </th>
            <th scope="col" className="px-4 py-3">
              Outcome
            </th>
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-100">
          {rows.map((r) => (
            <tr key={r.key}>
              <td className="px-4 py-3 font-medium">{r.resource}</td>
              <td className="px-4 py-3 font-mono text-xs break-all">{r.principal}</td>
              <td className="px-4 py-3 font-mono text-xs">{r.role}</td>
              <td className="px-4 py-3 break-words text-slate-700">{r.detail ?? '—'}</td>
              <td className="px-4 py-3">{r.removed ? <Badge tone="success">removed</Badge> : <Badge tone="warning">reported</Badge>}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
