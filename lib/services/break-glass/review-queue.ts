import { grantTimeline, type GrantTimeline } from '@/lib/audit/timeline';
import type { Prisma } from '@/lib/db/generated/client';
import { isReviewOverdue } from '@/lib/domain/break-glass';
import type { ActorContext } from '@/lib/domain/context';
import { can } from '@/lib/domain/permissions';
import { isApproverFor } from '@/lib/domain/policy';
import { AppError } from '@/lib/errors';
import type { ServiceDeps } from '../deps';
import { policyRules } from '../policy-rules';
import { grantInclude, grantView, type GrantView } from '../views';
import { authorize } from '@/lib/services/authorize';
import { breakGlassSettings } from './settings';

/**
 * Break-glass grants an actor may review: still unreviewed, not their own, for a policy whose approver
 * groups they are in. The scope lives in the query, so anyone else's grant id finds nothing.
 */
function queueWhere(ctx: ActorContext): Prisma.GrantWhereInput {
  return {
    needsReview: true,
    request: { breakGlass: true },
    userId: { not: ctx.actor.id },
    entitlement: { policy: { approverGroups: { hasSome: ctx.actor.groups } } },
  };
}

const reviewInclude = { ...grantInclude, request: { select: { breakGlass: true, justification: true, ticket: true, durationMinutes: true, createdAt: true, decidedAt: true } } } satisfies Prisma.GrantInclude;
type ReviewRow = Prisma.GrantGetPayload<{ include: typeof reviewInclude }>;

export interface ReviewItem {
  grant: GrantView;
  justification: string;
  ticket: string | null;
  durationMinutes: number;
  brokeGlassAt: string;
  /** Unreviewed for longer than TIMEBOX_BREAK_GLASS_REVIEW_HOURS. */
  overdue: boolean;
}

function reviewItem(row: ReviewRow, now: Date, overdueHours: number): ReviewItem {
  return {
    grant: grantView(row),
    justification: row.request.justification,
    ticket: row.request.ticket,
    durationMinutes: row.request.durationMinutes,
    brokeGlassAt: (row.request.decidedAt ?? row.request.createdAt).toISOString(),
    overdue: row.needsReview && isReviewOverdue(row.request.decidedAt ?? row.request.createdAt, now, overdueHours),
  };
}

/** The reviewer's queue, oldest first (the most overdue on top). */
export async function listReviewQueue(deps: ServiceDeps, ctx: ActorContext, filter: { limit?: number } = {}): Promise<ReviewItem[]> {
  authorize(ctx, 'approvals.read');
  if (ctx.actor.groups.length === 0) return [];
  const { reviewOverdueHours } = breakGlassSettings();
  const rows = await deps.db.grant.findMany({ where: queueWhere(ctx), include: reviewInclude, orderBy: { createdAt: 'asc' }, take: filter.limit ?? 100 });
  const now = deps.clock.now();
  return rows.map((row) => reviewItem(row, now, reviewOverdueHours));
}

export async function countReviewQueue(deps: ServiceDeps, ctx: ActorContext): Promise<number> {
  if (ctx.actor.groups.length === 0) return 0;
  return deps.db.grant.count({ where: queueWhere(ctx) });
}

export interface ReviewDetail extends ReviewItem {
  timeline: GrantTimeline | null;
  /** An approver of the role who is not the holder, while the review is open. */
  canReview: boolean;
  /** An admin, while the grant still holds access. */
  canEnd: boolean;
}

/**
 * One break-glass grant for its review page: the justification, ticket, timeline and activity reported
 * in its window. Visible to the role's approvers and to auditors and admins; anyone else finds nothing.
 */
export async function getBreakGlassReview(deps: ServiceDeps, ctx: ActorContext, grantId: string): Promise<ReviewDetail> {
  authorize(ctx, 'approvals.read');
  const notFound = new AppError('not_found', 'No such break-glass grant in your review queue.');
  const row = await deps.db.grant.findFirst({ where: { id: grantId, request: { breakGlass: true } }, include: { ...reviewInclude, entitlement: { include: { policy: true, resource: true } } } });
  if (!row) throw notFound;
  const isApprover = isApproverFor(policyRules(row.entitlement.policy), ctx.actor.groups);
  if (!isApprover && !can(ctx, 'grants.read_all')) throw notFound;
  const { reviewOverdueHours } = breakGlassSettings();
  return {
    ...reviewItem(row, deps.clock.now(), reviewOverdueHours),
    timeline: await grantTimeline(deps.db, grantId),
    canReview: row.needsReview && isApprover && row.userId !== ctx.actor.id,
    canEnd: can(ctx, 'grants.revoke_any') && (row.status === 'active' || row.status === 'scheduled'),
  };
}
