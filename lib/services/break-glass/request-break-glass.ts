import { actorFields } from '@/lib/audit/actor-fields';
import { appendAudit } from '@/lib/audit/append';
import { grantEventIds } from '@/lib/audit/event-ids';
import type { Tx } from '@/lib/db/client';
import { checkBreakGlassAll } from '@/lib/domain/break-glass';
import type { ActorContext } from '@/lib/domain/context';
import { liveGrantStatuses } from '@/lib/domain/grant-status';
import type { RequestAccessInput } from '@/lib/domain/request-input';
import { pickPolicyFields } from '@/lib/domain/admin-input';
import { AppError } from '@/lib/errors';
import type { ServiceDeps } from '../deps';
import { runAfterCommit } from '../lifecycle/after-commit';
import { createRequest } from '../lifecycle/create';
import { fulfilRequest } from '../lifecycle/fulfil-request';
import { transitionRequest, transitionRequests } from '../lifecycle/transition';
import { refuseViolations } from '../refuse-violations';
import { lockUserEntitlement } from '../row-lock';
import { findEntitlement } from '../requests/find-entitlement';
import { requestInclude, requestView, type RequestView } from '../views';
import { authorize } from '@/lib/services/authorize';
import { notifyBreakGlassStarted } from './notify-hook';
import { breakGlassSettings } from './settings';

const DAY_MS = 24 * 3_600_000;

/** Serialises one user's break-glass requests across roles, so two at once cannot both pass the daily limit. */
async function lockUserBreakGlass(tx: Tx, userId: string): Promise<void> {
  await tx.$queryRaw`SELECT pg_advisory_xact_lock(hashtext(${userId} || ':break-glass'))::text AS locked`;
}

type Outcome = { refused: AppError } | { requestId: string; grantId: string; next: Awaited<ReturnType<typeof fulfilRequest>> };

/**
 * Emergency access: granted at once, without approval, for at most the policy's break-glass maximum,
 * through the same state machine as any grant (request pending → approved by the break-glass rule, grant
 * scheduled → active after commit) and marked for review. Eligibility is never bypassed. A refusal for
 * the daily limit is itself audited: the transaction commits that event and then the caller is refused.
 */
export async function requestBreakGlass(deps: ServiceDeps, ctx: ActorContext, input: RequestAccessInput): Promise<RequestView> {
  authorize(ctx, 'requests.create');
  const { db, clock } = deps;
  const now = clock.now();
  if (input.startAt) throw new AppError('unprocessable', 'Break-glass access starts at once: leave the start time empty.', { field: 'startAt' });
  const settings = breakGlassSettings();

  const outcome = await db.$transaction(async (tx): Promise<Outcome> => {
    const entitlement = await findEntitlement(tx, input.resource, input.role);
    const policy = entitlement.policy ? pickPolicyFields(entitlement.policy) : null;
    refuseViolations(checkBreakGlassAll(policy, { groups: ctx.actor.groups, durationMinutes: input.durationMinutes, justification: input.justification, ticket: input.ticket }));

    await lockUserBreakGlass(tx, ctx.actor.id);
    await lockUserEntitlement(tx, ctx.actor.id, entitlement.id);
    const live = await tx.grant.findFirst({ where: { userId: ctx.actor.id, entitlementId: entitlement.id, status: { in: [...liveGrantStatuses] } }, include: { request: { select: { breakGlass: true } } } });
    if (live) {
      const what = live.request.breakGlass ? 'a break-glass grant' : 'this role';
      throw new AppError('conflict', `You already hold ${what} until ${live.expiresAt.toISOString()}; one live grant per role.`, { grantId: live.id });
    }

    const inLast24h = await tx.accessRequest.count({ where: { requesterId: ctx.actor.id, breakGlass: true, status: 'approved', decidedAt: { gt: new Date(now.getTime() - DAY_MS) } } });
    if (inLast24h >= settings.perDay) {
      await appendAudit(tx, {
        ...actorFields(ctx),
        action: 'request.break_glass_refused',
        resourceId: entitlement.resourceId,
        entitlementId: entitlement.id,
        data: { resource: entitlement.resource.slug, role: entitlement.role, reason: 'rate_limit', limit: settings.perDay, inLast24h },
      });
      return { refused: new AppError('forbidden', `You have broken glass ${inLast24h} times in the last 24 hours, the most allowed: ask for access normally.`) };
    }

    // A normal request waiting for approval would become a second grant for the role once approved: the emergency supersedes it.
    const pending = await tx.accessRequest.findMany({ where: { requesterId: ctx.actor.id, entitlementId: entitlement.id, status: 'pending', extendsGrantId: null }, select: { id: true } });
    await transitionRequests(tx, pending.map((p) => p.id), { from: 'pending', to: 'cancelled', set: { decidedAt: now }, by: ctx, action: 'request.cancelled', data: () => ({ comment: 'superseded by break-glass' }) });

    const ticket = input.ticket ?? null;
    const request = await createRequest(
      tx,
      ctx,
      { requesterId: ctx.actor.id, entitlementId: entitlement.id, durationMinutes: input.durationMinutes, justification: input.justification, ticket, startAt: null, breakGlass: true, expiresAt: now },
      { resource: entitlement.resource.slug, role: entitlement.role, durationMinutes: input.durationMinutes, justification: input.justification, ticket, startAt: null, breakGlass: true },
    );
    await transitionRequest(tx, request.id, { from: 'pending', to: 'approved', set: { decidedAt: now }, by: ctx, action: 'request.auto_approved', data: () => ({ rule: 'break-glass' }) });
    const next = await fulfilRequest(tx, ctx, request, now);
    const grant = await tx.grant.findUniqueOrThrow({ where: { requestId: request.id }, include: { entitlement: { select: { resourceId: true } } } });
    await appendAudit(tx, {
      ...actorFields(ctx),
      ...grantEventIds(grant),
      action: 'grant.break_glass_started',
      data: { resource: entitlement.resource.slug, role: entitlement.role, durationMinutes: input.durationMinutes, justification: input.justification, ticket, expiresAt: grant.expiresAt.toISOString() },
    });
    await notifyBreakGlassStarted(tx, grant, input.justification);
    return { requestId: request.id, grantId: grant.id, next };
  });

  if ('refused' in outcome) throw outcome.refused;
  await runAfterCommit(deps, ctx, [outcome.next]);
  const view = requestView(await db.accessRequest.findUniqueOrThrow({ where: { id: outcome.requestId }, include: requestInclude }));
  return view;
}
