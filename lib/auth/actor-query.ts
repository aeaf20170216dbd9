import type { Db } from '@/lib/db/client';
import { Prisma } from '@/lib/db/generated/client';
import type { Actor } from '@/lib/domain/permissions';
import { isUuid } from '@/lib/domain/ids';

// The actor in ONE statement (the user, its group names, and whether one of them approves a live policy)
// instead of a user read, a read per relation and a policy read: every API call and every page pays it.

export interface ActorRow {
  id: string;
  email: string;
  name: string;
  role: Actor['role'];
  groups: string[];
  isApprover: boolean;
}

interface ActorSource {
  /** FROM items naming the user row `u` (and whatever else the caller joins, e.g. a token `t`). */
  from: Prisma.Sql;
  where: Prisma.Sql;
  /** Columns the caller wants from the same row, each with a leading comma (`, t.id AS "tokenId"`). */
  columns?: Prisma.Sql;
  /** Primary keys of the other FROM items, each with a leading comma, so their columns may be selected. */
  groupBy?: Prisma.Sql;
}

/** SELECT of the actor columns (plus the caller's) for the users `source` yields. */
export const actorSelect = ({ from, where, columns = Prisma.empty, groupBy = Prisma.empty }: ActorSource) => Prisma.sql`
  SELECT a.*, EXISTS (
           SELECT 1 FROM "Policy" p JOIN "Entitlement" e ON e.id = p."entitlementId" JOIN "Resource" r ON r.id = e."resourceId"
            WHERE p."approverGroups" && a.groups AND e."archivedAt" IS NULL AND r."archivedAt" IS NULL) AS "isApprover"
    FROM (SELECT u.id, u.email, u.name, u.role::text AS role ${columns},
                 COALESCE(array_agg(g.name) FILTER (WHERE g.name IS NOT NULL), ARRAY[]::text[]) AS groups
            FROM ${from}
            LEFT JOIN "GroupMembership" m ON m."userId" = u.id
            LEFT JOIN "Group" g ON g.id = m."groupId"
           WHERE ${where}
           GROUP BY u.id ${groupBy}) a`;

/** The row as the Actor the services see; group names sorted as before (code-unit order, not a collation). */
export const toActor = (row: ActorRow): Actor => ({ id: row.id, email: row.email, name: row.name, role: row.role, groups: [...row.groups].sort(), isApprover: row.isApprover });

/** An enabled user as an actor (with a session version: only while the session's version is current), or null. */
export async function queryActor(db: Db, userId: string, sessionVersion?: number): Promise<Actor | null> {
  if (!isUuid(userId)) return null;
  const version = sessionVersion === undefined ? Prisma.empty : Prisma.sql`AND u."sessionVersion" = ${sessionVersion}`;
  const rows = await db.$queryRaw<ActorRow[]>(actorSelect({ from: Prisma.sql`"User" u`, where: Prisma.sql`u.id = ${userId}::uuid AND u."disabledAt" IS NULL ${version}` }));
  return rows[0] ? toActor(rows[0]) : null;
}
