import { minutes } from '@/lib/domain/clock';
import type { ActorContext } from '@/lib/domain/context';
import { liveGrantStatuses } from '@/lib/domain/grant-status';
import { checkRequestAll, isAutoApproved } from '@/lib/domain/policy';
import type { RequestAccessInput } from '@/lib/domain/request-input';
import { AppError } from '@/lib/errors';
import type { ServiceDeps } from '../deps';
import { runAfterCommit } from '../lifecycle/after-commit';
import { autoApprove } from '../lifecycle/auto-approve';
import { createRequest } from '../lifecycle/create';
import { fulfilRequest } from '../lifecycle/fulfil-request';
import { policyRules } from '../policy-rules';
import { refuseViolations } from '../refuse-violations';
import { lockUserEntitlement } from '../row-lock';
import { requestInclude, requestView, type RequestView } from '../views';
import { findEntitlement } from './find-entitlement';
import { requestSubject } from './request-subject';
import { authorize } from '@/lib/services/authorize';
import { requestBreakGlass } from '../break-glass/request-break-glass';

const LATEST_START_MS = minutes(60 * 24 * 30);
const START_GRACE_MS = minutes(1);

/**
 * Submits a request. Policy decides eligibility, limits and auto-approval. A user never holds two
 * live grants (or two pending requests) for one role: a second one is refused with the reason,
 * pointing to Extend — it never creates a grant whose end would cut the first one short.
 * `onBehalfOf` (an e-mail) submits it for another user: see requestSubject. The audit event's actor and
 * token stay the caller's, and its data names the requester.
 */
export async function requestAccess(deps: ServiceDeps, ctx: ActorContext, input: RequestAccessInput & { onBehalfOf?: string | undefined }): Promise<RequestView> {
  authorize(ctx, 'requests.create');
  if (input.breakGlass) {
    // Break-glass is a person's own emergency, reviewed against them afterwards: never taken for someone else.
    if (input.onBehalfOf) throw new AppError('unprocessable', 'Break-glass cannot be requested on behalf of someone else.', { field: 'onBehalfOf', fields: { onBehalfOf: 'Break-glass cannot be requested on behalf of someone else.' } });
    return requestBreakGlass(deps, ctx, input);
  }
  const { db, clock } = deps;
  const subject = await requestSubject(db, ctx, input.onBehalfOf);
  const who = subject.delegated ? `${subject.email} already` : 'You already';
  const now = clock.now();
  if (input.startAt && input.startAt.getTime() < now.getTime() - START_GRACE_MS) {
    throw new AppError('unprocessable', 'The start time is in the past.', { field: 'startAt' });
  }
  if (input.startAt && input.startAt.getTime() > now.getTime() + LATEST_START_MS) {
    throw new AppError('unprocessable', 'The start time must be within 30 days.', { field: 'startAt' });
  }

  const { requestId, next } = await db.$transaction(async (tx) => {
    const entitlement = await findEntitlement(tx, input.resource, input.role);
    const policy = policyRules(entitlement.policy);
    refuseViolations(checkRequestAll(policy, { groups: subject.groups, durationMinutes: input.durationMinutes, justification: input.justification, ticket: input.ticket }));

    await lockUserEntitlement(tx, subject.id, entitlement.id);
    const live = await tx.grant.findFirst({ where: { userId: subject.id, entitlementId: entitlement.id, status: { in: [...liveGrantStatuses] } } });
    if (live) {
      throw new AppError('conflict', `${who} hold${subject.delegated ? 's' : ''} this role until ${live.expiresAt.toISOString()}; extend that grant instead.`, { grantId: live.id });
    }
    const pending = await tx.accessRequest.findFirst({ where: { requesterId: subject.id, entitlementId: entitlement.id, status: 'pending' } });
    if (pending) throw new AppError('conflict', `${who} ha${subject.delegated ? 's' : 've'} a pending request for this role.`, { requestId: pending.id });

    const request = await createRequest(
      tx,
      ctx,
      {
        requesterId: subject.id,
        entitlementId: entitlement.id,
        durationMinutes: input.durationMinutes,
        justification: input.justification,
        ticket: input.ticket ?? null,
        startAt: input.startAt ?? null,
        expiresAt: new Date(now.getTime() + minutes(policy!.pendingTtlMinutes)),
      },
      {
        resource: entitlement.resource.slug,
        role: entitlement.role,
        durationMinutes: input.durationMinutes,
        justification: input.justification,
        ticket: input.ticket ?? null,
        startAt: input.startAt?.toISOString() ?? null,
        ...(subject.delegated ? { onBehalfOf: subject.email } : {}),
      },
    );
    if (!isAutoApproved(policy!, { groups: subject.groups, durationMinutes: input.durationMinutes })) return { requestId: request.id, next: null };
    await autoApprove(tx, ctx, request.id, now);
    return { requestId: request.id, next: await fulfilRequest(tx, ctx, request, now) };
  });

  await runAfterCommit(deps, ctx, [next]);
  return requestView(await db.accessRequest.findUniqueOrThrow({ where: { id: requestId }, include: requestInclude }));
}
