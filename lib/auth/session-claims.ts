import type { Db } from '@/lib/db/client';
import type { Actor } from '@/lib/domain/permissions';
import { loadActor } from './load-actor';

/** What a session cookie says about who signed in: the user, the session version, and when (epoch seconds). */
export interface SessionClaims {
  userId?: string | undefined;
  sessionVersion?: number | undefined;
  signedInAt?: number | undefined;
}

/**
 * The actor behind a session, or null when the session has ended on the server: older than the
 * configured maximum age counted from sign-in (next-auth's own expiry slides with use, this one does
 * not), issued under an older session version (signed out, signed out everywhere, offboarded), or its
 * user disabled. A cookie from before session versions existed carries none and is refused.
 */
export async function sessionActor(db: Db, claims: SessionClaims | null | undefined, now: Date, maxAgeSeconds: number): Promise<Actor | null> {
  if (!claims?.userId || typeof claims.sessionVersion !== 'number' || typeof claims.signedInAt !== 'number') return null;
  if (now.getTime() / 1000 - claims.signedInAt >= maxAgeSeconds) return null;
  return loadActor(db, claims.userId, { version: claims.sessionVersion });
}
