import type { Metadata } from 'next';
import { AppLink } from '@/components/ui/app-link';
import { BreakGlassBadge } from '@/components/break-glass/break-glass-badge';
import { Forbidden } from '@/components/shell/forbidden';
import { Badge } from '@/components/ui/badge';
import { EmptyState } from '@/components/ui/empty-state';
import { PageHeader } from '@/components/ui/page-header';
import { StatusPill } from '@/components/ui/status-pill';
import { RelativeTime } from '@/components/ui/time';
import { portalPage } from '@/lib/http/page-prelude';
import { listReviewQueue } from '@/lib/services/break-glass/review-queue';
import { breakGlassSettings } from '@/lib/services/break-glass/settings';

export const dynamic = 'force-dynamic';
export const metadata: Metadata = { title: 'Break-glass reviews' };

export default async function Page() {
  const page = await portalPage('inbox.view');
  if (!page) return <Forbidden what="Break-glass reviews" />;
  const items = await listReviewQueue(page.deps, page.ctx);
  const { reviewOverdueHours } = breakGlassSettings();
  return (
    <>
      <PageHeader
        title="Break-glass reviews"
        description={`Emergency access taken without approval on roles you approve, waiting for someone other than the holder to judge it. Oldest first; unreviewed after ${reviewOverdueHours} hours it is overdue.`}
      />
      {items.length === 0 ? (
        <EmptyState>No break-glass grant is waiting for your review.</EmptyState>
      ) : (
        <ul className="space-y-3" aria-label="Break-glass grants to review">
          {items.map((item) => (
            <li key={item.grant.id} data-grant-id={item.grant.id} className="rounded-lg bg-white p-4 shadow-sm ring-1 ring-slate-200">
              <div className="flex flex-wrap items-baseline justify-between gap-2">
                <h2 className="font-semibold">
                  <AppLink href={`/inbox/reviews/${item.grant.id}`} className="hover:underline">
                    {item.grant.user.name} broke glass on {item.grant.resourceName} / {item.grant.role}
                  </AppLink>{' '}
                  <BreakGlassBadge /> {item.overdue ? <Badge tone="warning">overdue</Badge> : null}
                </h2>
                <p className="text-xs text-slate-500">
                  <RelativeTime iso={item.brokeGlassAt} /> · <StatusPill status={item.grant.status} />
                </p>
              </div>
              <p className="mt-2 text-sm text-slate-800">{item.justification}</p>
              {item.ticket ? <p className="mt-1 text-xs text-slate-600">Ticket {item.ticket}</p> : null}
            </li>
          ))}
        </ul>
      )}
    </>
  );
}
