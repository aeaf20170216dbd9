import type { Prisma } from '@/lib/db/generated/client';
import type { ActorContext } from '@/lib/domain/context';
import { liveGrantStatuses, type GrantStatus } from '@/lib/domain/grant-status';
import { can } from '@/lib/domain/permissions';
import { AppError } from '@/lib/errors';
import type { ServiceDeps } from '../deps';
import { grantInclude, grantView, type GrantView } from '../views';
import { authorize } from '@/lib/services/authorize';

/** The actor's own grants; admins (and auditors, read-only) may ask for everyone's with `all`. */
export async function listGrants(deps: ServiceDeps, ctx: ActorContext, filter: { status?: GrantStatus | undefined; all?: boolean; limit?: number } = {}): Promise<GrantView[]> {
  authorize(ctx, 'grants.read');
  const everyone = filter.all && can(ctx, 'grants.read_all');
  const where: Prisma.GrantWhereInput = { ...(everyone ? {} : { userId: ctx.actor.id }), ...(filter.status ? { status: filter.status } : {}) };
  const rows = await deps.db.grant.findMany({ where, include: grantInclude, orderBy: [{ expiresAt: 'desc' }], take: filter.limit ?? 200 });
  return rows.map(grantView);
}

/** Grants whose request this actor approved: an approver may follow (read) what they let happen. */
const approvedBy = (actorId: string): Prisma.GrantWhereInput => ({ request: { reviews: { some: { reviewerId: actorId, decision: 'approve' } } } });

/** The holder's, an approver's (read-only), or anyone's for admins and auditors; any other id finds nothing. */
export async function getGrant(deps: ServiceDeps, ctx: ActorContext, grantId: string): Promise<GrantView> {
  authorize(ctx, 'grants.read');
  const scope: Prisma.GrantWhereInput = can(ctx, 'grants.read_all') ? {} : { OR: [{ userId: ctx.actor.id }, ...(can(ctx, 'approvals.read') ? [approvedBy(ctx.actor.id)] : [])] };
  const row = await deps.db.grant.findFirst({ where: { AND: [{ id: grantId }, scope] }, include: grantInclude });
  if (!row) throw new AppError('not_found', 'No such grant.');
  return grantView(row);
}

/** "Live grants I approved": someone else's scheduled, active or ending grants the actor approved, soonest end first. */
export async function listLiveGrantsIApproved(deps: ServiceDeps, ctx: ActorContext): Promise<GrantView[]> {
  authorize(ctx, 'approvals.read');
  const rows = await deps.db.grant.findMany({
    where: { status: { in: [...liveGrantStatuses] }, userId: { not: ctx.actor.id }, ...approvedBy(ctx.actor.id) },
    include: grantInclude,
    orderBy: [{ expiresAt: 'asc' }],
    take: 200,
  });
  return rows.map(grantView);
}

/** What Extend needs to ask for a ticket: whether the grant's policy wants one, and the original request's. */
export interface ExtensionTicket {
  required: boolean;
  pattern: string | null;
  /** What a good ticket looks like (e.g. OPS-123), shown instead of the pattern when the policy has one. */
  example: string | null;
  /** The ticket of the request that created the grant: the form's starting value. */
  original: string | null;
}

/** Per grant of the actor's: the ticket rule Extend must satisfy (an extension goes through the same policy). */
export async function extensionTickets(deps: ServiceDeps, ctx: ActorContext, grantIds: readonly string[]): Promise<Map<string, ExtensionTicket>> {
  authorize(ctx, 'grants.read');
  if (grantIds.length === 0) return new Map();
  const rows = await deps.db.grant.findMany({
    where: { id: { in: [...grantIds] }, userId: ctx.actor.id },
    select: { id: true, request: { select: { ticket: true } }, entitlement: { select: { policy: { select: { ticketRequired: true, ticketPattern: true, ticketExample: true } } } } },
  });
  return new Map(rows.map((g) => [g.id, { required: g.entitlement.policy?.ticketRequired ?? false, pattern: g.entitlement.policy?.ticketPattern ?? null, example: g.entitlement.policy?.ticketExample ?? null, original: g.request.ticket }]));
}
