import { Prisma } from '@/lib/db/generated/client';
import type { ActorContext } from '@/lib/domain/context';
import { can } from '@/lib/domain/permissions';
import type { ServiceDeps } from '../deps';
import { authorize } from '@/lib/services/authorize';
import { utcTimestamp } from '../metrics/sql-time';
import type { RowQuery } from '../tokens/authenticate-token';

export interface AccessCheck {
  allowed: boolean;
  grantId: string | null;
  expiresAt: string | null;
}

export interface AccessCheckQuery {
  user: string;
  resource: string;
  role: string;
}

/** The grant that answers a check, as accessCheckLookup reads it (names that cannot clash with the token statement's). */
export interface AccessCheckRow {
  checkGrantId: string;
  checkExpiresAt: Date;
}

/** E-mails compare as the portal stores them: trimmed, lower case. */
const normalEmail = (email: string) => email.trim().toLowerCase();

/**
 * The check's lookup: the live grant of that user on that role, as one indexed SELECT of the two columns
 * the answer needs. Raw SQL rather than Prisma's query compiler: target systems ask this all day, and
 * compiling the relation filters cost more CPU than PostgreSQL spends answering. The API route sends it
 * inside the token's own statement (see apiRoute's `beside`), so a check is one round trip.
 */
export function accessCheckLookup(deps: ServiceDeps, query: AccessCheckQuery): RowQuery<AccessCheckRow> {
  const now = utcTimestamp(deps.clock.now());
  return Prisma.sql`
    SELECT g.id AS "checkGrantId", g."expiresAt" AS "checkExpiresAt" FROM "Grant" g
      JOIN "User" u ON u.id = g."userId"
      JOIN "Entitlement" e ON e.id = g."entitlementId"
      JOIN "Resource" r ON r.id = e."resourceId"
     WHERE g.status = 'active' AND g."startsAt" <= ${now} AND g."expiresAt" > ${now}
       AND u.email = ${normalEmail(query.user)} AND u."disabledAt" IS NULL
       AND e.role = ${query.role} AND e."archivedAt" IS NULL AND r.slug = ${query.resource} AND r."archivedAt" IS NULL
     ORDER BY g."expiresAt" DESC LIMIT 1`;
}

/**
 * For target systems: does this user hold this role on this resource right now? Decided by the
 * grant's own end time, so access reads as ended the instant it ends, even before the sweep runs.
 * `read`: what accessCheckLookup found in the caller's statement (read now when not given). It is used
 * only after the authorization below passed, so a refused caller learns nothing from it.
 */
export async function checkAccess(deps: ServiceDeps, ctx: ActorContext, query: AccessCheckQuery, read?: { row: AccessCheckRow | null }): Promise<AccessCheck> {
  // A member's check covers only themselves; asking about anyone else (who holds what, with the grant id)
  // is for target systems' tokens, which only an admin can give the check_any scope.
  const self = normalEmail(query.user) === normalEmail(ctx.actor.email);
  if (!(self && can(ctx, 'access.check'))) authorize(ctx, 'access.check_any');
  const grant = read ? read.row : ((await deps.db.$queryRaw<AccessCheckRow[]>(accessCheckLookup(deps, query)))[0] ?? null);
  return grant ? { allowed: true, grantId: grant.checkGrantId, expiresAt: grant.checkExpiresAt.toISOString() } : { allowed: false, grantId: null, expiresAt: null };
}
