import { actorFields } from '@/lib/audit/actor-fields';
import { appendAudit } from '@/lib/audit/append';
import type { Db } from '@/lib/db/client';
import type { ActorContext } from '@/lib/domain/context';
import { AppError } from '@/lib/errors';
import type { ServiceDeps } from '../deps';

// Browser sessions are JWT cookies; what ends one on the server is the user's session version
// (User.sessionVersion), which every request compares with the version in its cookie
// (lib/auth/session-claims.ts). Bumping it ends every session the user holds.

/** The version a new session is issued under, or null when the user may not sign in (gone or disabled). */
export async function sessionVersionOf(db: Db, userId: string): Promise<number | null> {
  const user = await db.user.findFirst({ where: { id: userId, disabledAt: null }, select: { sessionVersion: true } });
  return user?.sessionVersion ?? null;
}

/** The user an OIDC sign-in was matched to (by issuer and subject), for the session cookie. */
export async function oidcUserId(db: Db, issuer: string, subject: string): Promise<string | undefined> {
  const user = await db.user.findUnique({ where: { oidcIssuer_oidcSubject: { oidcIssuer: issuer, oidcSubject: subject } }, select: { id: true } });
  return user?.id;
}

/**
 * Sign-out: the cookie is cleared in the browser, and a copy of it stops working too. Only a session
 * still on the current version moves it on (a second sign-out with an old cookie changes nothing).
 */
export async function endSessionOnSignOut(db: Db, claims: { userId: string; sessionVersion: number }): Promise<boolean> {
  return db.$transaction(async (tx) => {
    const { count } = await tx.user.updateMany({ where: { id: claims.userId, sessionVersion: claims.sessionVersion }, data: { sessionVersion: { increment: 1 } } });
    if (count === 0) return false;
    const user = await tx.user.findUniqueOrThrow({ where: { id: claims.userId }, select: { email: true } });
    await appendAudit(tx, { actorId: claims.userId, actorLabel: user.email, action: 'user.signed_out', data: { everywhere: false } });
    return true;
  });
}

/** "Sign out everywhere" on the profile: every session of the actor, on every device, ends now. */
export async function signOutEverywhere(deps: Pick<ServiceDeps, 'db'>, ctx: ActorContext): Promise<void> {
  // A token is not a session, and a leaked one must not be able to lock its owner out of the portal.
  if (ctx.token) throw new AppError('forbidden', 'Sign out from the portal, not with an API token.');
  await deps.db.$transaction(async (tx) => {
    await tx.user.update({ where: { id: ctx.actor.id }, data: { sessionVersion: { increment: 1 } } });
    await appendAudit(tx, { ...actorFields(ctx), action: 'user.signed_out', data: { everywhere: true } });
  });
}
