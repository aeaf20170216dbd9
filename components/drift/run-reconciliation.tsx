'use client';

import { useRouter } from 'next/navigation';
import { runReconciliation } from '@/app/(portal)/admin/drift/actions';
import { Button } from '@/components/ui/button';
import { FormError } from '@/components/ui/form-error';
import { useFormAction } from '@/components/ui/use-form-action';
import type { ReconcileReport } from '@/lib/services/reconcile/reconcile';
import { DriftTable } from './drift-table';

/**
 * "Run reconciliation now": reads every target, then shows what this run found — drift, what was
 * removed, and the resources whose target could not be read, with the reason. The findings below
 * (read from the audit trail) refresh too.
 */
export function RunReconciliation({ removeMode }: { removeMode: boolean }) {
  const router = useRouter();
  // The findings below are read from the audit trail, so the page re-reads them after a run.
  const reconcile = useFormAction(runReconciliation, { onSuccess: () => router.refresh() });
  const report = reconcile.data;

  return (
    <div className="space-y-4">
      <Button type="button" onClick={() => void reconcile.run({})} disabled={reconcile.pending}>
        {reconcile.pending ? 'Reading every target…' : 'Run reconciliation now'}
      </Button>
      <p className="text-sm text-slate-600">
        {removeMode ? 'Drift found is removed from the target (TIMEBOX_RECONCILE=remove).' : 'Drift found is reported, not removed (TIMEBOX_RECONCILE=report).'}
      </p>
      <div aria-live="polite" aria-busy={reconcile.pending}>
        {reconcile.formError ? <FormError title="Reconciliation did not run">{reconcile.formError}</FormError> : null}
        {report ? <RunResult report={report} /> : null}
      </div>
    </div>
  );
}

function RunResult({ report }: { report: ReconcileReport }) {
  return (
    <section aria-labelledby="run-result-heading" data-testid="reconcile-result" className="space-y-3 rounded-lg bg-slate-50 p-4 ring-1 ring-slate-200">
      <h3 id="run-result-heading" className="font-semibold">
        This run: {report.drift.length} drift finding{report.drift.length === 1 ? '' : 's'}, {report.removed} removed, {report.restored} live grant{report.restored === 1 ? '' : 's'} restored, {report.failed.length} target{report.failed.length === 1 ? '' : 's'} not read
      </h3>
      {report.failed.length > 0 ? (
        <div>
          <p className="text-sm font-medium text-red-900">Not read (so not checked):</p>
          <ul className="mt-1 list-disc space-y-1 pl-5 text-sm text-red-900">
            {report.failed.map((f, i) => (
              <li key={`${f.resource}-${i}`} className="break-words">
                <strong>{f.resource}</strong>: {f.reason}
              </li>
            ))}
          </ul>
        </div>
      ) : null}
      {report.drift.length > 0 ? (
        <DriftTable caption="Drift found by this run" rows={report.drift.map((d, i) => ({ ...d, key: `${d.resource}-${d.principal}-${d.role}-${i}` }))} />
      ) : (
        <p className="text-sm text-slate-700">Every target matches the live grants.</p>
      )}
    </section>
  );
}
