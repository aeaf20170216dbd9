import { minutes } from '@/lib/domain/clock';
import type { ActorContext } from '@/lib/domain/context';
import { checkRequestAll, isAutoApproved } from '@/lib/domain/policy';
import { AppError } from '@/lib/errors';
import type { ServiceDeps } from '../deps';
import { runAfterCommit } from '../lifecycle/after-commit';
import { createRequest } from '../lifecycle/create';
import { fulfilRequest } from '../lifecycle/fulfil-request';
import { autoApprove } from '../lifecycle/auto-approve';
import { policyRules } from '../policy-rules';
import { refuseViolations } from '../refuse-violations';
import { lockGrantRow } from '../row-lock';
import { requestInclude, requestView, type RequestView } from '../views';
import { authorize } from '@/lib/services/authorize';

/**
 * Asks for more time on a live grant, through the same policy as a new request: the total
 * (current length + extra) may never exceed the longest duration, auto-approved or not.
 * Returns the extension request: approved (and applied) at once, or pending for approvers.
 */
export async function extendGrant(deps: ServiceDeps, ctx: ActorContext, input: { grantId: string; minutes: number; justification: string; ticket?: string | undefined }): Promise<RequestView> {
  authorize(ctx, 'grants.manage');
  const { db, clock } = deps;
  const now = clock.now();

  const { requestId, next } = await db.$transaction(async (tx) => {
    if (!(await lockGrantRow(tx, input.grantId))) throw new AppError('not_found', 'No such grant.');
    const grant = await tx.grant.findFirst({ where: { id: input.grantId, userId: ctx.actor.id }, include: { entitlement: { include: { policy: true } }, request: { select: { breakGlass: true } } } });
    if (!grant) throw new AppError('not_found', 'No such grant.');
    if (grant.request.breakGlass) throw new AppError('forbidden', 'A break-glass grant cannot be extended: break glass again when it ends, or ask for access normally.');
    if (grant.status !== 'active' && grant.status !== 'scheduled' && grant.status !== 'provisioning') throw new AppError('conflict', `This grant is already ${grant.status}.`, { status: grant.status });
    const pending = await tx.accessRequest.findFirst({ where: { extendsGrantId: grant.id, status: 'pending' } });
    if (pending) throw new AppError('conflict', 'An extension of this grant is already waiting for approval.', { requestId: pending.id });

    const policy = policyRules(grant.entitlement.policy);
    const existingMinutes = Math.ceil((grant.expiresAt.getTime() - grant.startsAt.getTime()) / 60_000);
    const facts = { groups: ctx.actor.groups, durationMinutes: input.minutes, justification: input.justification, ticket: input.ticket, existingMinutes };
    refuseViolations(checkRequestAll(policy, facts));

    const request = await createRequest(
      tx,
      ctx,
      {
        requesterId: ctx.actor.id,
        entitlementId: grant.entitlementId,
        durationMinutes: input.minutes,
        justification: input.justification,
        ticket: input.ticket ?? null,
        extendsGrantId: grant.id,
        expiresAt: new Date(Math.min(now.getTime() + minutes(policy!.pendingTtlMinutes), grant.expiresAt.getTime())),
      },
      { extension: true, minutes: input.minutes, justification: input.justification, ...(input.ticket ? { ticket: input.ticket } : {}) },
    );
    if (!isAutoApproved(policy!, facts)) return { requestId: request.id, next: null };
    await autoApprove(tx, ctx, request.id, now);
    return { requestId: request.id, next: await fulfilRequest(tx, ctx, request, now) };
  });
  await runAfterCommit(deps, ctx, [next]);
  return requestView(await db.accessRequest.findUniqueOrThrow({ where: { id: requestId }, include: requestInclude }));
}
