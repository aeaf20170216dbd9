import crypto from 'node:crypto';
import { getCurrentActor } from '@/lib/auth/current-actor';
import type { ActorContext } from '@/lib/domain/context';
import type { Actor } from '@/lib/domain/permissions';
import { scopesInclude, type TokenScope } from '@/lib/domain/scopes';
import { AppError } from '@/lib/errors';
import type { ServiceDeps } from '@/lib/services/deps';
import type { Prisma } from '@/lib/db/generated/client';
import { lookUpToken, type TokenLookup } from '@/lib/services/tokens/authenticate-token';
import { isTokenSecretShape } from '@/lib/services/tokens/token-secret';
import { bearerCredential } from './api-auth';
import { clientIp } from './client-address';
import { addressKey, type RateLimiters, rateLimitsFor } from './rate-limit';

// The one place that turns an incoming request into "who is acting, from where": every wrapper
// (server actions, /api/v1, /api/portal, cron, page preludes) builds its ActorContext here, so the
// IP and user agent recorded in audit events cannot drift between entry points again.

/** What a request says about itself, independent of who sent it. */
export interface RequestMeta {
  /** Correlates the response (X-Request-Id, 500 body) with the log line. */
  requestId: string;
  ip: string | null;
  userAgent: string | null;
}

export { clientIp };

// A proxy or client may send its own id so its logs and ours line up; anything odd-looking (too long,
// spaces, quotes that could forge log or header content) is replaced by our own.
const WELL_FORMED_REQUEST_ID = /^[A-Za-z0-9._:-]{8,128}$/;

/** The caller's X-Request-Id when well-formed, else a fresh UUID. */
export function requestIdOf(headers: Headers): string {
  const given = headers.get('x-request-id')?.trim();
  return given && WELL_FORMED_REQUEST_ID.test(given) ? given : crypto.randomUUID();
}

export function requestMeta(headers: Headers): RequestMeta {
  return { requestId: requestIdOf(headers), ip: clientIp(headers), userAgent: headers.get('user-agent') };
}

/** The context a service receives: the actor, the channel, and where the request came from. */
export function actorContext(actor: Actor, via: ActorContext['via'], meta: RequestMeta, token?: ActorContext['token']): ActorContext {
  return { actor, via, ...(token ? { token } : {}), ip: meta.ip, userAgent: meta.userAgent };
}

/** A browser session's actor (cookie), or 401. */
export async function sessionContext(meta: RequestMeta): Promise<ActorContext> {
  const actor = await getCurrentActor();
  if (!actor) throw new AppError('unauthenticated', 'Your session has ended. Sign in again.');
  return actorContext(actor, 'web', meta);
}

/**
 * The token's identity (null: not valid) once the address is known not to be refused for bad tokens, and
 * the caller's `beside` row. With the counts in the database, the address's count comes back from the
 * token's own statement: one round trip, not two. A secret of the wrong shape is never looked up.
 */
async function authenticate<B>(deps: ServiceDeps, secret: string, limits: RateLimiters, address: string, beside: Prisma.Sql | undefined): Promise<TokenLookup<B>> {
  if (!isTokenSecretShape(secret)) {
    await limits.assertAllowed('badToken', address);
    return { identity: null, limitCount: null, beside: null };
  }
  const read = limits.countRead('badToken', address);
  if (!read) {
    const [, lookup] = await Promise.all([limits.assertAllowed('badToken', address), lookUpToken<B>(deps, secret, { beside })]);
    return lookup;
  }
  const lookup = await lookUpToken<B>(deps, secret, { limit: read, beside });
  limits.assertAllowedFrom('badToken', lookup.limitCount);
  return lookup;
}

export interface TokenCall<B> {
  ctx: ActorContext;
  /** The row of `beside`, read with the token: the caller's to use only once its own authorization passed. */
  beside: B | null;
}

/**
 * A bearer token's actor, or 401; 403 when the token lacks `scope` (`any`: every valid token passes).
 * `beside`: a SELECT of at most one row the route will need, sent in the token's statement (see lookUpToken).
 */
export async function tokenCall<B = never>(deps: ServiceDeps, headers: Headers, meta: RequestMeta, scope: TokenScope | 'any', beside?: Prisma.Sql): Promise<TokenCall<B>> {
  const secret = bearerCredential(headers);
  if (!secret) throw new AppError('unauthenticated', 'Send an API token: Authorization: Bearer <token>.');
  // An address that sent too many bad tokens is refused (429), even with a good token.
  const limits = rateLimitsFor(deps.db);
  const address = addressKey(meta.ip);
  const { identity, beside: besideRow } = await authenticate<B>(deps, secret, limits, address, beside);
  if (!identity) {
    // The failure that goes over the limit is already refused as such (and starts the block).
    const counted = await limits.hit('badToken', address, { ip: meta.ip, userAgent: meta.userAgent });
    if (counted.limited) throw new AppError('rate_limited', 'Too many bad API tokens from your address. Try again later.', { retryAfterSeconds: counted.retryAfterSeconds });
    throw new AppError('unauthenticated', 'The API token is unknown, expired or revoked.', { invalidToken: true });
  }
  if (scope !== 'any' && !scopesInclude(identity.token.scopes, scope)) throw new AppError('forbidden', `This token lacks the "${scope}" scope.`);
  return { ctx: actorContext(identity.actor, 'api', meta, identity.token), beside: besideRow };
}
