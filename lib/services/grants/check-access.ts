import type { ActorContext } from '@/lib/domain/context';
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
  authorize(ctx, 'access.check');
  const now = deps.clock.now();
  const grant = await deps.db.grant.findFirst({
    where: {
      status: 'active',
      startsAt: { lte: now },
      expiresAt: { gt: now },
      user: { email: query.user.trim().toLowerCase(), disabledAt: null },
      entitlement: { role: query.role, archivedAt: null, resource: { slug: query.resource, archivedAt: null } },
    },
    orderBy: { expiresAt: 'desc' },
  });
  return grant ? { allowed: true, grantId: grant.id, expiresAt: grant.expiresAt.toISOString() } : { allowed: false, grantId: null, expiresAt: null };
}
