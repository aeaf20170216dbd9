import { Prisma } from '@/lib/db/generated/client';
import type { ActorContext } from '@/lib/domain/context';
import { can } from '@/lib/domain/permissions';
import type { ServiceDeps } from '../deps';
import { authorize } from '@/lib/services/authorize';
import { utcTimestamp } from '../metrics/sql-time';

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
  const now = utcTimestamp(deps.clock.now());
  // One indexed SELECT of the two columns the answer needs, written out rather than built by Prisma's
  // query compiler: target systems ask this all day, and compiling the relation filters cost more CPU
  // than PostgreSQL spends answering.
  const [grant] = await deps.db.$queryRaw<{ id: string; expiresAt: Date }[]>(Prisma.sql`
    SELECT g.id, g."expiresAt" FROM "Grant" g
      JOIN "User" u ON u.id = g."userId"
      JOIN "Entitlement" e ON e.id = g."entitlementId"
      JOIN "Resource" r ON r.id = e."resourceId"
     WHERE g.status = 'active' AND g."startsAt" <= ${now} AND g."expiresAt" > ${now}
       AND u.email = ${user} AND u."disabledAt" IS NULL
       AND e.role = ${query.role} AND e."archivedAt" IS NULL AND r.slug = ${query.resource} AND r."archivedAt" IS NULL
     ORDER BY g."expiresAt" DESC LIMIT 1`);
  return grant ? { allowed: true, grantId: grant.id, expiresAt: grant.expiresAt.toISOString() } : { allowed: false, grantId: null, expiresAt: null };
}
