import type { Prisma } from '@/lib/db/generated/client';
import type { ActorContext } from '@/lib/domain/context';
import type { RequestStatus } from '@/lib/domain/grant-status';
import { can } from '@/lib/domain/permissions';
import { AppError } from '@/lib/errors';
import type { ServiceDeps } from '../deps';
import { requestInclude, requestView, type RequestView } from '../views';
import { authorize } from '@/lib/services/authorize';

/**
 * Requests an actor may decide: pending, not their own, not already decided by them (one person counts
 * once), for a policy whose approver groups they are in.
 */
function inboxWhere(ctx: ActorContext, now: Date): Prisma.AccessRequestWhereInput {
  return {
    status: 'pending',
    expiresAt: { gt: now },
    requesterId: { not: ctx.actor.id },
    reviews: { none: { reviewerId: ctx.actor.id } },
    entitlement: { policy: { approverGroups: { hasSome: ctx.actor.groups } } },
  };
}

/** Whose requests an actor may read: their own, those they may decide, or all for auditors and admins. */
function visibleWhere(ctx: ActorContext): Prisma.AccessRequestWhereInput {
  if (can(ctx, 'requests.read_all')) return {};
  return { OR: [{ requesterId: ctx.actor.id }, { entitlement: { policy: { approverGroups: { hasSome: ctx.actor.groups } } } }] };
}

export async function listMyRequests(deps: ServiceDeps, ctx: ActorContext, filter: { status?: RequestStatus | undefined; limit?: number } = {}): Promise<RequestView[]> {
  authorize(ctx, 'requests.read');
  const rows = await deps.db.accessRequest.findMany({
    where: { requesterId: ctx.actor.id, ...(filter.status ? { status: filter.status } : {}) },
    include: requestInclude,
    orderBy: { createdAt: 'desc' },
    take: filter.limit ?? 100,
  });
  return rows.map(requestView);
}

/** The approver's queue, oldest first. */
export async function listInbox(deps: ServiceDeps, ctx: ActorContext, filter: { limit?: number } = {}): Promise<RequestView[]> {
  authorize(ctx, 'approvals.read');
  if (ctx.actor.groups.length === 0) return [];
  const rows = await deps.db.accessRequest.findMany({ where: inboxWhere(ctx, deps.clock.now()), include: requestInclude, orderBy: { createdAt: 'asc' }, take: filter.limit ?? 100 });
  return rows.map(requestView);
}

export async function countInbox(deps: ServiceDeps, ctx: ActorContext): Promise<number> {
  if (ctx.actor.groups.length === 0) return 0;
  return deps.db.accessRequest.count({ where: inboxWhere(ctx, deps.clock.now()) });
}

/** Requests visible to the actor, newest first (REST `GET /requests`). */
export async function listVisibleRequests(deps: ServiceDeps, ctx: ActorContext, filter: { status?: RequestStatus | undefined; mine?: boolean; limit?: number }): Promise<RequestView[]> {
  authorize(ctx, 'requests.read');
  const where: Prisma.AccessRequestWhereInput = {
    AND: [filter.mine ? { requesterId: ctx.actor.id } : visibleWhere(ctx), filter.status ? { status: filter.status } : {}],
  };
  const rows = await deps.db.accessRequest.findMany({ where, include: requestInclude, orderBy: { createdAt: 'desc' }, take: filter.limit ?? 100 });
  return rows.map(requestView);
}

/** One request, if the actor may see it; anyone else's id finds nothing (404, not 403). */
export async function getRequest(deps: ServiceDeps, ctx: ActorContext, requestId: string): Promise<RequestView> {
  authorize(ctx, 'requests.read');
  const row = await deps.db.accessRequest.findFirst({ where: { AND: [{ id: requestId }, visibleWhere(ctx)] }, include: requestInclude });
  if (!row) throw new AppError('not_found', 'No such request.');
  return requestView(row);
}

/**
 * One request on its own page (`/inbox/{id}`, where notifications link): if the actor may see it, and
 * whether it waits for their decision right now. Opening it changes nothing; deciding is a POST there.
 */
export async function getRequestForDecision(deps: ServiceDeps, ctx: ActorContext, requestId: string): Promise<{ request: RequestView; decidable: boolean }> {
  const request = await getRequest(deps, ctx, requestId);
  const decidable = can(ctx, 'approvals.decide') && ctx.actor.groups.length > 0 && (await deps.db.accessRequest.count({ where: { AND: [{ id: requestId }, inboxWhere(ctx, deps.clock.now())] } })) > 0;
  return { request, decidable };
}
