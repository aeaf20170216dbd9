import { loadActor } from '@/lib/auth/load-actor';
import type { Actor } from '@/lib/domain/permissions';
import type { TokenScope } from '@/lib/domain/scopes';
import type { ServiceDeps } from '../deps';
import { hashTokenSecret, isTokenSecretShape } from './token-secret';
import { effectiveScopes } from './token-scopes';

/** lastUsedAt is bookkeeping, not evidence: write it at most once a minute per token. */
const LAST_USED_RESOLUTION_MS = 60_000;

export interface TokenIdentity {
  actor: Actor;
  token: { id: string; scopes: TokenScope[] };
}

/**
 * The actor behind a bearer secret, or null when the secret is malformed, unknown, revoked or
 * expired, or its user is disabled or gone. Looked up by SHA-256, so the secret never reaches a query.
 */
export async function authenticateToken(deps: ServiceDeps, secret: string): Promise<TokenIdentity | null> {
  if (!isTokenSecretShape(secret)) return null;
  const { db, clock } = deps;
  const now = clock.now();
  const token = await db.apiToken.findUnique({ where: { tokenHash: hashTokenSecret(secret) } });
  if (!token || token.revokedAt || (token.expiresAt && token.expiresAt <= now)) return null;
  const actor = await loadActor(db, token.userId);
  if (!actor) return null;

  const staleBefore = new Date(now.getTime() - LAST_USED_RESOLUTION_MS);
  if (!token.lastUsedAt || token.lastUsedAt < staleBefore) {
    // Conditional, so a burst of concurrent calls writes once.
    await db.apiToken.updateMany({ where: { id: token.id, OR: [{ lastUsedAt: null }, { lastUsedAt: { lt: staleBefore } }] }, data: { lastUsedAt: now } });
  }
  return { actor, token: { id: token.id, scopes: effectiveScopes(token.scopes, actor) } };
}
