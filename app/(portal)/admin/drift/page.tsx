import type { Metadata } from 'next';
import { AdminPageHeader } from '@/components/admin/admin-page-header';
import { DriftTable } from '@/components/drift/drift-table';
import { RunReconciliation } from '@/components/drift/run-reconciliation';
import { Forbidden } from '@/components/shell/forbidden';
import { EmptyState } from '@/components/ui/empty-state';
import { LocalTime } from '@/components/ui/time';
import { getConfig } from '@/lib/config/env';
import { latestDrift } from '@/lib/services/reconcile/latest-drift';
import { portalPage } from '@/lib/http/page-prelude';

export const dynamic = 'force-dynamic';
export const metadata: Metadata = { title: 'Drift' };

export default async function Page() {
  const page = await portalPage('portal.admin');
  if (!page) return <Forbidden what="Drift" />;
  const { run, findings } = await latestDrift(page.deps, page.ctx);
  const removeMode = getConfig().TIMEBOX_RECONCILE === 'remove';

  return (
    <>
      <AdminPageHeader
        title="Drift"
        description="Access that a target really holds but no live grant explains: a role granted by hand, a user left behind. Reconciliation compares every target with the grants, records each finding in the audit trail, and removes it when configured to."
      />

      <section aria-labelledby="run-heading" className="mb-8 rounded-lg bg-white p-5 shadow-sm ring-1 ring-slate-200">
        <h2 id="run-heading" className="mb-3 text-lg font-semibold">
          Reconcile
        </h2>
        <RunReconciliation removeMode={removeMode} />
      </section>

      <section aria-labelledby="latest-heading">
        <h2 id="latest-heading" className="mb-1 text-lg font-semibold">
          Latest findings
        </h2>
        {run ? (
          <>
            <p className="mb-3 text-sm text-slate-600" data-testid="latest-run">
              Last run <LocalTime iso={run.at} /> by {run.actor}: {run.drift} finding{run.drift === 1 ? '' : 's'}, {run.removed} removed
              {run.failed.length ? `; could not read ${run.failed.join(', ')}` : ''}.
            </p>
            {findings.length === 0 ? (
              <EmptyState>No drift: every target matched the live grants.</EmptyState>
            ) : (
              <DriftTable caption="Drift found by the last run" rows={findings.map((f) => ({ ...f, key: f.id }))} />
            )}
          </>
        ) : (
          <EmptyState>Reconciliation has not run yet. Run it now, or schedule <code>/api/cron/reconcile</code>.</EmptyState>
        )}
      </section>
    </>
  );
}
