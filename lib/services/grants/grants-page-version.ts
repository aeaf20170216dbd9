import { createHash } from 'node:crypto';
import type { Prisma } from '@/lib/db/generated/client';
import type { ActorContext } from '@/lib/domain/context';
import { liveGrantStatuses } from '@/lib/domain/grant-status';
import { can } from '@/lib/domain/permissions';
import type { ServiceDeps } from '../deps';
import { authorize } from '@/lib/services/authorize';

/** Admins see everyone's live grants on /grants (and may revoke them). */
export const seesEveryonesGrants = (ctx: ActorContext) => can(ctx, 'grants.read_all') && can(ctx, 'grants.revoke_any');

/**
 * A fingerprint of what /grants shows that changes without the reader doing anything: a grant starting,
 * ending, moving to `revoking`, failing a removal attempt, being extended or revoked by someone else.
 * The page polls it (cheap: ids and statuses only) and re-renders when it differs from what it shows.
 */
export async function grantsPageVersion(deps: ServiceDeps, ctx: ActorContext): Promise<string> {
  authorize(ctx, 'grants.read');
  const me = ctx.actor.id;
  const visible: Prisma.GrantWhereInput[] = [{ userId: me }];
  if (can(ctx, 'approvals.read')) visible.push({ request: { reviews: { some: { reviewerId: me, decision: 'approve' } } } });
  const [grants, extensions] = await Promise.all([
    deps.db.grant.findMany({
      where: { status: { in: [...liveGrantStatuses] }, ...(seesEveryonesGrants(ctx) ? {} : { OR: visible }) },
      select: { id: true, status: true, expiresAt: true, revokeAttempts: true },
      orderBy: { id: 'asc' },
    }),
    deps.db.accessRequest.findMany({ where: { requesterId: me, status: 'pending', extendsGrantId: { not: null } }, select: { id: true }, orderBy: { id: 'asc' } }),
  ]);
  const text = [...grants.map((g) => `${g.id}:${g.status}:${g.expiresAt.toISOString()}:${g.revokeAttempts}`), ...extensions.map((r) => `x:${r.id}`)].join('|');
  return createHash('sha256').update(text).digest('hex').slice(0, 24);
}
