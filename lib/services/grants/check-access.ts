import type { ActorContext } from '@/lib/domain/context';
import { can } from '@/lib/domain/permissions';
import type { ServiceDeps } from '../deps';
import { authorize } from '@/lib/services/authorize';

export interface AccessCheck {
  allowed: boolean;
  grantId: string | null;
  expiresAt: string | null;
}

/**
 * For target systems: does this user hold this role on this resource right now? Decided by the
 * grant's own end time, so access reads as ended the instant it ends, even before the sweep runs.
 */
export async function checkAccess(deps: ServiceDeps, ctx: ActorContext, query: { user: string; resource: string; role: string }): Promise<AccessCheck> {
  // A member's check covers only themselves; asking about anyone else (who holds what, with the grant id)
  // is for target systems' tokens, which only an admin can give the check_any scope.
  const user = query.user.trim().toLowerCase();
  const self = user === ctx.actor.email.trim().toLowerCase();
  if (!(self && can(ctx, 'access.check'))) authorize(ctx, 'access.check_any');
  const now = deps.clock.now();
  const grant = await deps.db.grant.findFirst({
    where: {
      status: 'active',
      startsAt: { lte: now },
      expiresAt: { gt: now },
      user: { email: user, disabledAt: null },
      entitlement: { role: query.role, archivedAt: null, resource: { slug: query.resource, archivedAt: null } },
    },
    orderBy: { expiresAt: 'desc' },
    select: { id: true, expiresAt: true },
  });
  return grant ? { allowed: true, grantId: grant.id, expiresAt: grant.expiresAt.toISOString() } : { allowed: false, grantId: null, expiresAt: null };
}
