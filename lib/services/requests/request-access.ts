import { actorFields } from '@/lib/audit/actor-fields';
import { appendAudit } from '@/lib/audit/append';
import { minutes } from '@/lib/domain/clock';
import type { ActorContext } from '@/lib/domain/context';
import { liveGrantStatuses } from '@/lib/domain/grant-status';
import { checkRequest, isAutoApproved } from '@/lib/domain/policy';
import type { RequestAccessInput } from '@/lib/domain/request-input';
import { AppError } from '@/lib/errors';
import type { ServiceDeps } from '../deps';
import { activateGrant } from '../grants/activate-grant';
import { policyRules } from '../policy-rules';
import { requireScope } from '../require-scope';
import { lockUserEntitlement } from '../row-lock';
import { requestInclude, requestView, type RequestView } from '../views';
import { findEntitlement } from './find-entitlement';

const LATEST_START_MS = minutes(60 * 24 * 30);
const START_GRACE_MS = minutes(1);

/**
 * Submits a request. Policy decides eligibility, limits and auto-approval. A user never holds two
 * live grants (or two pending requests) for one role: a second one is refused with the reason,
 * pointing to Extend — it never creates a grant whose end would cut the first one short.
 */
export async function requestAccess(deps: ServiceDeps, ctx: ActorContext, input: RequestAccessInput): Promise<RequestView> {
  requireScope(ctx, 'requests');
  const { db, clock } = deps;
  const now = clock.now();
  if (input.startAt && input.startAt.getTime() < now.getTime() - START_GRACE_MS) {
    throw new AppError('unprocessable', 'The start time is in the past.', { field: 'startAt' });
  }
  if (input.startAt && input.startAt.getTime() > now.getTime() + LATEST_START_MS) {
    throw new AppError('unprocessable', 'The start time must be within 30 days.', { field: 'startAt' });
  }

  const { requestId, grantId, startsNow } = await db.$transaction(async (tx) => {
    const entitlement = await findEntitlement(tx, input.resource, input.role);
    const policy = policyRules(entitlement.policy);
    const violation = checkRequest(policy, { groups: ctx.actor.groups, durationMinutes: input.durationMinutes, justification: input.justification, ticket: input.ticket });
    if (violation) throw new AppError(violation.code, violation.message, violation.field ? { field: violation.field } : undefined);

    await lockUserEntitlement(tx, ctx.actor.id, entitlement.id);
    const live = await tx.grant.findFirst({ where: { userId: ctx.actor.id, entitlementId: entitlement.id, status: { in: [...liveGrantStatuses] } } });
    if (live) {
      throw new AppError('conflict', `You already hold this role until ${live.expiresAt.toISOString()}; extend that grant instead.`, { grantId: live.id });
    }
    const pending = await tx.accessRequest.findFirst({ where: { requesterId: ctx.actor.id, entitlementId: entitlement.id, status: 'pending' } });
    if (pending) throw new AppError('conflict', 'You already have a pending request for this role.', { requestId: pending.id });

    const autoApproved = isAutoApproved(policy!, { groups: ctx.actor.groups, durationMinutes: input.durationMinutes });
    const request = await tx.accessRequest.create({
      data: {
        requesterId: ctx.actor.id,
        entitlementId: entitlement.id,
        durationMinutes: input.durationMinutes,
        justification: input.justification,
        ticket: input.ticket ?? null,
        startAt: input.startAt ?? null,
        status: autoApproved ? 'approved' : 'pending',
        autoApproved,
        decidedAt: autoApproved ? now : null,
        expiresAt: new Date(now.getTime() + minutes(policy!.pendingTtlMinutes)),
      },
    });
    const ids = { requestId: request.id, entitlementId: entitlement.id, resourceId: entitlement.resourceId };
    await appendAudit(tx, {
      ...actorFields(ctx),
      ...ids,
      action: 'request.created',
      statusTo: 'pending',
      data: { resource: entitlement.resource.slug, role: entitlement.role, durationMinutes: input.durationMinutes, justification: input.justification, ticket: input.ticket ?? null, startAt: input.startAt?.toISOString() ?? null },
    });
    if (!autoApproved) return { requestId: request.id, grantId: null, startsNow: false };

    const startsAt = input.startAt && input.startAt > now ? input.startAt : now;
    const grant = await tx.grant.create({
      data: { requestId: request.id, userId: ctx.actor.id, entitlementId: entitlement.id, status: 'scheduled', startsAt, expiresAt: new Date(startsAt.getTime() + minutes(input.durationMinutes)) },
    });
    await appendAudit(tx, { ...actorFields(ctx), ...ids, action: 'request.auto_approved', statusFrom: 'pending', statusTo: 'approved', data: { rule: 'auto-approve' } });
    await appendAudit(tx, { ...actorFields(ctx), ...ids, grantId: grant.id, action: 'grant.created', statusTo: 'scheduled', data: { startsAt: startsAt.toISOString(), expiresAt: grant.expiresAt.toISOString() } });
    return { requestId: request.id, grantId: grant.id, startsNow: startsAt <= now };
  });

  if (grantId && startsNow) await activateGrant(deps, grantId, ctx);
  return requestView(await db.accessRequest.findUniqueOrThrow({ where: { id: requestId }, include: requestInclude }));
}
