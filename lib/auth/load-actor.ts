import type { Db } from '@/lib/db/client';
import type { Actor } from '@/lib/domain/permissions';

/**
 * Reads the actor fresh from the database, so role and group changes apply at the next request.
 * A browser session passes the session version its cookie was issued under: after sign-out, "sign out
 * everywhere" or offboarding the user's version has moved on, and the cookie finds nobody.
 */
export async function loadActor(db: Db, userId: string, session?: { version: number }): Promise<Actor | null> {
  const user = await db.user.findFirst({
    where: { id: userId, disabledAt: null, ...(session ? { sessionVersion: session.version } : {}) },
    include: { memberships: { include: { group: true } } },
  });
  if (!user) return null;
  const groups = user.memberships.map((m) => m.group.name).sort();
  const approverPolicy =
    groups.length === 0
      ? null
      : await db.policy.findFirst({
          where: { approverGroups: { hasSome: groups }, entitlement: { archivedAt: null, resource: { archivedAt: null } } },
          select: { id: true },
        });
  return { id: user.id, email: user.email, name: user.name, role: user.role, groups, isApprover: approverPolicy !== null };
}
