import { actorFields } from '@/lib/audit/actor-fields';
import { appendAudit } from '@/lib/audit/append';
import { grantEventIds } from '@/lib/audit/event-ids';
import type { ReviewOutcome } from '@/lib/domain/break-glass';
import type { ActorContext } from '@/lib/domain/context';
import { isApproverFor } from '@/lib/domain/policy';
import { AppError } from '@/lib/errors';
import type { ServiceDeps } from '../deps';
import { policyRules } from '../policy-rules';
import { grantInclude, grantView, type GrantView } from '../views';
import { authorize } from '@/lib/services/authorize';

export interface ReviewInput {
  grantId: string;
  outcome: ReviewOutcome;
  comment?: string | undefined;
}

/**
 * Closes the review of a break-glass grant: one approver of the role who is not the holder. The
 * conditional update on `needsReview` decides a race — the first review counts, a second (concurrent or
 * later) finds nothing to close and is a conflict. The review row's unique grantId backs that up.
 */
export async function reviewBreakGlass(deps: ServiceDeps, ctx: ActorContext, input: ReviewInput): Promise<GrantView> {
  authorize(ctx, 'approvals.decide');
  const comment = input.comment ?? null;
  if (input.outcome === 'not_justified' && !comment) {
    throw new AppError('unprocessable', 'Say why it was not justified: a comment is required.', { field: 'comment', fields: { comment: 'Say why it was not justified: a comment is required.' } });
  }

  await deps.db.$transaction(async (tx) => {
    const notFound = new AppError('not_found', 'No such break-glass grant in your review queue.');
    const grant = await tx.grant.findFirst({ where: { id: input.grantId, request: { breakGlass: true } }, include: { entitlement: { include: { policy: true } } } });
    if (!grant) throw notFound;
    const isHolder = grant.userId === ctx.actor.id;
    if (!isHolder && !isApproverFor(policyRules(grant.entitlement.policy), ctx.actor.groups)) throw notFound;
    if (isHolder) throw new AppError('forbidden', 'You cannot review your own break-glass grant.');

    const { count } = await tx.grant.updateMany({ where: { id: grant.id, needsReview: true }, data: { needsReview: false } });
    if (count === 0) throw new AppError('conflict', 'This break-glass grant has already been reviewed.');
    await tx.grantReview.create({ data: { grantId: grant.id, reviewerId: ctx.actor.id, outcome: input.outcome, comment, createdAt: deps.clock.now() } });
    await appendAudit(tx, { ...actorFields(ctx), ...grantEventIds(grant), action: 'grant.break_glass_reviewed', data: { outcome: input.outcome, reviewer: ctx.actor.email, comment } });
  });
  return grantView(await deps.db.grant.findUniqueOrThrow({ where: { id: input.grantId }, include: grantInclude }));
}
