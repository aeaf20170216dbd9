import type { Prisma } from '@/lib/db/generated/client';
import type { ActorContext } from '@/lib/domain/context';
import type { RequestStatus } from '@/lib/domain/grant-status';
import { can } from '@/lib/domain/permissions';
import { AppError } from '@/lib/errors';
import type { ServiceDeps } from '../deps';
import { requestInclude, requestView, type RequestView } from '../views';
import { decodeInboxCursor, encodeInboxCursor } from './inbox-cursor';
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

export interface InboxPage {
  requests: RequestView[];
  /** Continues behind the last request shown (`after`); null on the last page. */
  nextCursor: string | null;
}

/** One page of the approver's queue, oldest first (by creation, then id): `after` is the cursor the previous page gave out. */
export async function listInboxPage(deps: ServiceDeps, ctx: ActorContext, page: { limit: number; after?: string | undefined }): Promise<InboxPage> {
  authorize(ctx, 'approvals.read');
  const after = page.after ? decodeInboxCursor(page.after) : null;
  if (ctx.actor.groups.length === 0) return { requests: [], nextCursor: null };
  const behind: Prisma.AccessRequestWhereInput = after ? { OR: [{ createdAt: { gt: after.createdAt } }, { createdAt: after.createdAt, id: { gt: after.id } }] } : {};
  const rows = await deps.db.accessRequest.findMany({
    where: { AND: [inboxWhere(ctx, deps.clock.now()), behind] },
    include: requestInclude,
    orderBy: [{ createdAt: 'asc' }, { id: 'asc' }],
    take: page.limit + 1, // one more than shown: whether there is a next page
  });
  const shown = rows.slice(0, page.limit);
  return { requests: shown.map(requestView), nextCursor: rows.length > page.limit ? encodeInboxCursor(shown.at(-1)!) : null };
}

/** The approver's queue, oldest first: its first `limit` requests (REST `GET /inbox`). */
export async function listInbox(deps: ServiceDeps, ctx: ActorContext, filter: { limit?: number } = {}): Promise<RequestView[]> {
  return (await listInboxPage(deps, ctx, { limit: filter.limit ?? 100 })).requests;
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
