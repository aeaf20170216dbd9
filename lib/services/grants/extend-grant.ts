import { actorFields } from '@/lib/audit/actor-fields';
import { appendAudit } from '@/lib/audit/append';
import { minutes } from '@/lib/domain/clock';
import type { ActorContext } from '@/lib/domain/context';
import { checkRequest, isAutoApproved } from '@/lib/domain/policy';
import { AppError } from '@/lib/errors';
import type { ServiceDeps } from '../deps';
import { policyRules } from '../policy-rules';
import { fulfilRequest } from '../requests/fulfil-request';
import { requireScope } from '../require-scope';
import { reapplyGrantEnd } from './reapply-grant-end';
import { lockGrantRow } from '../row-lock';
import { requestInclude, requestView, type RequestView } from '../views';

/**
 * Asks for more time on a live grant, through the same policy as a new request: the total
 * (current length + extra) may never exceed the longest duration, auto-approved or not.
 * Returns the extension request: approved (and applied) at once, or pending for approvers.
 */
export async function extendGrant(deps: ServiceDeps, ctx: ActorContext, input: { grantId: string; minutes: number; justification: string }): Promise<RequestView> {
  requireScope(ctx, 'grants');
  const { db, clock } = deps;
  const now = clock.now();

  const { requestId, extended } = await db.$transaction(async (tx) => {
    if (!(await lockGrantRow(tx, input.grantId))) throw new AppError('not_found', 'No such grant.');
    const grant = await tx.grant.findFirst({ where: { id: input.grantId, userId: ctx.actor.id }, include: { entitlement: { include: { policy: true } } } });
    if (!grant) throw new AppError('not_found', 'No such grant.');
    if (grant.status !== 'active' && grant.status !== 'scheduled') throw new AppError('conflict', `This grant is already ${grant.status}.`, { status: grant.status });
    const pending = await tx.accessRequest.findFirst({ where: { extendsGrantId: grant.id, status: 'pending' } });
    if (pending) throw new AppError('conflict', 'An extension of this grant is already waiting for approval.', { requestId: pending.id });

    const policy = policyRules(grant.entitlement.policy);
    const existingMinutes = Math.ceil((grant.expiresAt.getTime() - grant.startsAt.getTime()) / 60_000);
    const facts = { groups: ctx.actor.groups, durationMinutes: input.minutes, justification: input.justification, existingMinutes };
    const violation = checkRequest(policy, facts);
    if (violation) throw new AppError(violation.code, violation.message, violation.field ? { field: violation.field } : undefined);

    const autoApproved = isAutoApproved(policy!, facts);
    const request = await tx.accessRequest.create({
      data: {
        requesterId: ctx.actor.id,
        entitlementId: grant.entitlementId,
        durationMinutes: input.minutes,
        justification: input.justification,
        extendsGrantId: grant.id,
        status: autoApproved ? 'approved' : 'pending',
        autoApproved,
        decidedAt: autoApproved ? now : null,
        expiresAt: new Date(Math.min(now.getTime() + minutes(policy!.pendingTtlMinutes), grant.expiresAt.getTime())),
      },
      include: { entitlement: true },
    });
    const ids = { requestId: request.id, grantId: grant.id, entitlementId: grant.entitlementId, resourceId: grant.entitlement.resourceId };
    await appendAudit(tx, { ...actorFields(ctx), ...ids, action: 'request.created', statusTo: 'pending', data: { extension: true, minutes: input.minutes, justification: input.justification } });
    if (autoApproved) {
      await appendAudit(tx, { ...actorFields(ctx), ...ids, action: 'request.auto_approved', statusFrom: 'pending', statusTo: 'approved', data: { rule: 'auto-approve' } });
      await fulfilRequest(tx, ctx, request, now);
    }
    return { requestId: request.id, extended: autoApproved };
  });
  if (extended) await reapplyGrantEnd(deps, input.grantId);
  return requestView(await db.accessRequest.findUniqueOrThrow({ where: { id: requestId }, include: requestInclude }));
}
