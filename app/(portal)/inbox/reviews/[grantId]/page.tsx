import type { Metadata } from 'next';
import { notFound } from 'next/navigation';
import { GrantTimeline } from '@/components/audit/grant-timeline';
import { BreakGlassBadge } from '@/components/break-glass/break-glass-badge';
import { ReviewForm } from '@/components/break-glass/review-form';
import { GrantFacts } from '@/components/grant-access/grant-facts';
import { RevokeControl } from '@/components/grants/revoke-control';
import { Forbidden } from '@/components/shell/forbidden';
import { Badge } from '@/components/ui/badge';
import { BackLink } from '@/components/ui/back-link';
import { PageHeader } from '@/components/ui/page-header';
import { LocalTime } from '@/components/ui/time';
import { reviewOutcomeLabels } from '@/lib/domain/break-glass';
import { uuidParam } from '@/lib/domain/request-input';
import { isAppError } from '@/lib/errors';
import { portalPage } from '@/lib/http/page-prelude';
import { getBreakGlassReview } from '@/lib/services/break-glass/review-queue';

export const dynamic = 'force-dynamic';
export const metadata: Metadata = { title: 'Break-glass review' };

async function load(prelude: NonNullable<Awaited<ReturnType<typeof portalPage>>>, grantId: string) {
  if (!uuidParam.safeParse(grantId).success) return null;
  try {
    return await getBreakGlassReview(prelude.deps, prelude.ctx, grantId);
  } catch (error) {
    if (isAppError(error) && error.code === 'not_found') return null;
    throw error;
  }
}

/** One break-glass grant: why, the ticket, what happened in its window, and the verdict (or the form to give one). */
export default async function Page({ params }: { params: Promise<{ grantId: string }> }) {
  const prelude = await portalPage('approvals.read');
  if (!prelude) return <Forbidden what="Break-glass reviews" />;
  const review = await load(prelude, (await params).grantId);
  if (!review) notFound();
  const { grant } = review;
  return (
    <>
      <BackLink href="/inbox/reviews">Break-glass reviews</BackLink>
      <PageHeader title={`${grant.resourceName} / ${grant.role}`} description={`${grant.user.name} took this access in an emergency, without approval.`}>
        <BreakGlassBadge /> {review.overdue ? <Badge tone="warning">review overdue</Badge> : null}
      </PageHeader>
      <div className="grid gap-6 lg:grid-cols-[minmax(0,2fr)_minmax(0,1fr)]">
        <div className="space-y-6">
          <section aria-labelledby="why" className="rounded-lg bg-white p-5 shadow-sm ring-1 ring-slate-200">
            <h2 id="why" className="font-semibold">
              Why
            </h2>
            <p className="mt-2 text-sm whitespace-pre-wrap" data-testid="break-glass-justification">
              {review.justification}
            </p>
            <p className="mt-2 text-sm text-slate-600">Ticket: {review.ticket ?? 'none given'}</p>
            <p className="mt-1 text-sm text-slate-600">
              Broke glass <LocalTime iso={review.brokeGlassAt} /> for {review.durationMinutes} minutes.
            </p>
          </section>
          <section aria-labelledby="timeline" className="rounded-lg bg-white p-5 shadow-sm ring-1 ring-slate-200">
            <h2 id="timeline" className="mb-3 font-semibold">
              Timeline and activity in the window
            </h2>
            {review.timeline ? <GrantTimeline timeline={review.timeline} /> : <p className="text-sm text-slate-600">Nothing recorded yet.</p>}
          </section>
        </div>
        <aside className="space-y-6">
          <section aria-labelledby="grant" className="rounded-lg bg-white p-5 shadow-sm ring-1 ring-slate-200">
            <h2 id="grant" className="mb-3 font-semibold">
              Grant
            </h2>
            <GrantFacts grant={grant} />
            {review.canEnd ? (
              <div className="mt-4">
                <RevokeControl grantId={grant.id} what={`${grant.user.name}’s break-glass access to ${grant.resourceName}`} stayOnPage />
              </div>
            ) : null}
          </section>
          <section aria-labelledby="verdict" className="rounded-lg bg-white p-5 shadow-sm ring-1 ring-slate-200">
            <h2 id="verdict" className="mb-3 font-semibold">
              Review
            </h2>
            {grant.review ? (
              <p className="text-sm" data-testid="review-outcome">
                <strong>{reviewOutcomeLabels[grant.review.outcome]}</strong> by {grant.review.reviewer.name}, <LocalTime iso={grant.review.createdAt} />
                {grant.review.comment ? <span className="mt-1 block text-slate-700">“{grant.review.comment}”</span> : null}
              </p>
            ) : review.canReview ? (
              <ReviewForm grantId={grant.id} />
            ) : (
              <p className="text-sm text-slate-600">Waiting for an approver of this role who is not the holder.</p>
            )}
          </section>
        </aside>
      </div>
    </>
  );
}
