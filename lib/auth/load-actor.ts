import type { Db } from '@/lib/db/client';
import type { Actor } from '@/lib/domain/permissions';
import { queryActor } from './actor-query';

/**
 * Reads the actor fresh from the database, so role and group changes apply at the next request.
 * A browser session passes the session version its cookie was issued under: after sign-out, "sign out
 * everywhere" or offboarding the user's version has moved on, and the cookie finds nobody.
 */
export async function loadActor(db: Db, userId: string, session?: { version: number }): Promise<Actor | null> {
  return queryActor(db, userId, session?.version);
}
