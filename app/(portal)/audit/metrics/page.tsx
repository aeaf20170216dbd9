import type { Metadata } from 'next';
import { auditHref } from '@/components/audit/audit-query';
import { AuditNav } from '@/components/audit/audit-nav';
import { utcText } from '@/components/audit/format';
import { formatSpan } from '@/lib/domain/durations';
import { GrantsByDayChart } from '@/components/audit/metrics/grants-by-day-chart';
import { HorizontalBars } from '@/components/audit/metrics/horizontal-bars';
import { StatCards, type Stat } from '@/components/audit/metrics/stat-cards';
import { Forbidden } from '@/components/shell/forbidden';
import { PageHeader } from '@/components/ui/page-header';
import { getAuditMetrics } from '@/lib/services/metrics/audit-metrics';
import { DAY_MS } from '@/lib/services/metrics/sql-time';
import { portalPage } from '@/lib/http/page-prelude';

export const dynamic = 'force-dynamic';
export const metadata: Metadata = { title: 'Audit metrics' };

const seconds = (s: number | null) => (s === null ? '—' : formatSpan(s * 1000));
const count = (n: number) => new Intl.NumberFormat('en').format(n);

export default async function Page() {
  const page = await portalPage('audit.read');
  if (!page) return <Forbidden what="Audit" />;
  const m = await getAuditMetrics(page.deps, page.ctx);
  const { counts, decisionTime, breakGlass } = m;
  const driftSince = new Date(new Date(m.asOf).getTime() - counts.driftWindowDays * DAY_MS).toISOString().slice(0, 16);

  const stats: Stat[] = [
    { label: 'Active grants', value: count(counts.activeGrants), hint: 'Access held right now.' },
    { label: 'Pending requests', value: count(counts.pendingRequests), hint: 'Waiting for an approver.' },
    { label: 'Median time to decision', value: seconds(decisionTime.medianSeconds), hint: `${count(decisionTime.decisions)} decisions by people, last ${decisionTime.windowDays} days.` },
    { label: 'p95 time to decision', value: seconds(decisionTime.p95Seconds), hint: '95% of decisions came sooner.' },
    { label: 'Revocations waiting', value: count(counts.revocationsWaiting), hint: 'Ending; the target has not confirmed yet.' },
    {
      label: 'Revocations failing',
      value: count(counts.revocationsFailing),
      hint: 'The connector failed at least once; retried with backoff.',
      alert: counts.revocationsFailing > 0,
      href: auditHref({ action: 'grant.deprovision_failed' }),
    },
    {
      label: 'Drift found',
      value: count(counts.driftFound),
      hint: `Access nobody granted, found by reconciliation in the last ${counts.driftWindowDays} days.`,
      alert: counts.driftFound > 0,
      href: auditHref({ action: 'reconcile.drift_found', from: driftSince }),
    },
  ];

  // Break-glass: access taken without approval, and how well its after-the-fact review keeps up.
  const breakGlassStats: Stat[] = [
    { label: 'Break-glass grants', value: count(breakGlass.count), hint: `Taken without approval, last ${breakGlass.windowDays} days.`, href: auditHref({ action: 'grant.break_glass_started' }) },
    {
      label: 'Share reviewed',
      value: breakGlass.shareReviewed === null ? '—' : `${Math.round(breakGlass.shareReviewed * 100)}%`,
      hint: `${count(breakGlass.reviewed)} of ${count(breakGlass.count)} reviewed.`,
    },
    { label: 'Median time to review', value: seconds(breakGlass.medianSecondsToReview), hint: 'Breaking glass → its review.' },
    {
      label: 'Judged not justified',
      value: count(breakGlass.notJustified),
      hint: 'Reviewed: not justified.',
      alert: breakGlass.notJustified > 0,
      href: auditHref({ action: 'grant.break_glass_reviewed' }),
    },
    { label: 'Reviews overdue', value: count(breakGlass.overdue), hint: 'Unreviewed past the overdue limit (all time).', alert: breakGlass.overdue > 0 },
  ];

  return (
    <>
      <PageHeader title="Audit" description="How access is used and how fast it is decided, from the live tables and the trail." />
      <AuditNav current="/audit/metrics" />
      <p className="mb-4 text-sm text-slate-600">
        As of <time dateTime={m.asOf}>{utcText(m.asOf)}</time>. Reload for fresh numbers.
      </p>
      <section aria-labelledby="now-heading" className="mb-8">
        <h2 id="now-heading" className="sr-only">
          Headline numbers
        </h2>
        <StatCards stats={stats} />
      </section>
      <section aria-labelledby="break-glass-heading" className="mb-8">
        <h2 id="break-glass-heading" className="mb-3 text-lg font-semibold">
          Break-glass
        </h2>
        <StatCards stats={breakGlassStats} />
      </section>
      <section aria-labelledby="charts-heading" className="space-y-6">
        <h2 id="charts-heading" className="sr-only">
          Charts
        </h2>
        <GrantsByDayChart data={m.grantsByResource} />
        <div className="grid gap-6 lg:grid-cols-2">
          <HorizontalBars
            title={`Time to decision, last ${decisionTime.windowDays} days`}
            note={`Request made → approved or denied by people (${count(decisionTime.decisions)} decisions; auto-approved and break-glass left out).`}
            bars={[
              { label: 'Median', value: decisionTime.medianSeconds ?? 0, display: seconds(decisionTime.medianSeconds) },
              { label: '95th percentile', value: decisionTime.p95Seconds ?? 0, display: seconds(decisionTime.p95Seconds) },
            ]}
          />
          <HorizontalBars
            title="Right now"
            note={`Drift counts reconciliation findings of the last ${counts.driftWindowDays} days.`}
            bars={[
              { label: 'Active grants', value: counts.activeGrants },
              { label: 'Pending requests', value: counts.pendingRequests },
              { label: 'Revocations waiting', value: counts.revocationsWaiting },
              { label: 'Revocations failing', value: counts.revocationsFailing },
              { label: 'Drift found', value: counts.driftFound },
            ]}
          />
        </div>
      </section>
    </>
  );
}
