import { actorFields } from '@/lib/audit/actor-fields';
import { appendAudit } from '@/lib/audit/append';
import type { ActorContext } from '@/lib/domain/context';
import { isApproverFor, isEligible } from '@/lib/domain/policy';
import { AppError } from '@/lib/errors';
import type { ServiceDeps } from '../deps';
import { runAfterCommit } from '../lifecycle/after-commit';
import { fulfilRequest } from '../lifecycle/fulfil-request';
import { requestEventIds } from '@/lib/audit/event-ids';
import { transitionRequest } from '../lifecycle/transition';
import { notifyPartialApproval } from '../notify/enqueue';
import { policyRules } from '../policy-rules';
import { lockRequestRow } from '../row-lock';
import { requestInclude, requestView, type RequestView } from '../views';
import { authorize } from '@/lib/services/authorize';

export interface DecisionInput {
  requestId: string;
  decision: 'approve' | 'deny';
  comment?: string | undefined;
}

/**
 * An approver's decision. The request row is locked for the transaction, so racing approvers are
 * serialised: one person counts once, any eligible deny denies, enough distinct approvals approve,
 * and a decision on a request that is no longer pending is a conflict.
 */
export async function decideRequest(deps: ServiceDeps, ctx: ActorContext, input: DecisionInput): Promise<RequestView> {
  authorize(ctx, 'approvals.decide');
  const { db, clock } = deps;
  const now = clock.now();
  if (input.decision === 'deny' && !input.comment) {
    throw new AppError('unprocessable', 'Say why you deny the request: a comment is required.', { field: 'comment' });
  }

  const next = await db.$transaction(async (tx) => {
    const notFound = new AppError('not_found', 'No such request in your inbox.');
    if (!(await lockRequestRow(tx, input.requestId))) throw notFound;
    const request = await tx.accessRequest.findUniqueOrThrow({ where: { id: input.requestId }, include: { entitlement: { include: { policy: true, resource: true } }, reviews: true } });
    const policy = policyRules(request.entitlement.policy);
    const isRequester = request.requesterId === ctx.actor.id;
    if (!isRequester && !isApproverFor(policy, ctx.actor.groups)) throw notFound;
    if (isRequester) throw new AppError('forbidden', 'You cannot decide your own request.');
    if (request.status !== 'pending') throw new AppError('conflict', `This request is already ${request.status}.`, { status: request.status });
    if (request.expiresAt <= now) throw new AppError('conflict', 'This request has expired.', { status: 'expired' });
    if (request.entitlement.archivedAt || request.entitlement.resource.archivedAt) throw new AppError('conflict', 'This role has been archived; it can no longer be granted.');
    if (request.reviews.some((r) => r.reviewerId === ctx.actor.id)) throw new AppError('conflict', 'You have already decided this request.');
    // Eligibility is checked again when access would follow: the requester may have left the group (SCIM,
    // a sign-in with fewer groups) since asking. Denying stays possible.
    if (input.decision === 'approve') {
      const memberships = await tx.groupMembership.findMany({ where: { userId: request.requesterId }, select: { group: { select: { name: true } } } });
      if (!isEligible(policy, memberships.map((m) => m.group.name))) {
        throw new AppError('conflict', 'The requester is no longer eligible for this role (their groups changed since they asked). Deny the request or let it expire.');
      }
    }

    await tx.review.create({ data: { requestId: request.id, reviewerId: ctx.actor.id, decision: input.decision, comment: input.comment ?? null } });
    const comment = input.comment ?? null;
    await appendAudit(tx, { ...actorFields(ctx), ...requestEventIds(request), action: input.decision === 'approve' ? 'review.approve' : 'review.deny', data: { comment } });

    // An approval by someone offboarded since (voidedAt) stays as evidence but no longer counts.
    const approvals = request.reviews.filter((r) => r.decision === 'approve' && !r.voidedAt).length + (input.decision === 'approve' ? 1 : 0);
    const outcome = input.decision === 'deny' ? 'denied' : approvals >= policy!.requiredApprovals ? 'approved' : null;
    if (!outcome) {
      if (input.decision === 'approve') await notifyPartialApproval(tx, request.id, approvals, policy!.requiredApprovals, ctx);
      return null;
    }

    const required = policy!.requiredApprovals;
    await transitionRequest(tx, request.id, {
      from: 'pending',
      to: outcome,
      set: { decidedAt: now },
      by: ctx,
      action: outcome === 'approved' ? 'request.approved' : 'request.denied',
      data: () => ({ approvals, required }),
    });
    return outcome === 'approved' ? fulfilRequest(tx, ctx, request, now) : null;
  });

  await runAfterCommit(deps, ctx, [next]);
  return requestView(await db.accessRequest.findUniqueOrThrow({ where: { id: input.requestId }, include: requestInclude }));
}
