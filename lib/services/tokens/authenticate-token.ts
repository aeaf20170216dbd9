import { type ActorRow, actorSelect, toActor } from '@/lib/auth/actor-query';
import { Prisma } from '@/lib/db/generated/client';
import { type CountRead, countJoin, type StoredCount } from '@/lib/http/rate-limit';
import type { Actor } from '@/lib/domain/permissions';
import type { TokenScope } from '@/lib/domain/scopes';
import type { ServiceDeps } from '../deps';
import { utcTimestamp } from '../metrics/sql-time';
import { hashTokenSecret, isTokenSecretShape } from './token-secret';
import { effectiveScopes } from './token-scopes';

/** lastUsedAt is bookkeeping, not evidence: write it at most once a minute per token. */
const LAST_USED_RESOLUTION_MS = 60_000;

export interface TokenIdentity {
  actor: Actor;
  token: { id: string; scopes: TokenScope[] };
}

type TokenActorRow = ActorRow & { tokenId: string; tokenScopes: string[]; tokenLastUsedAt: Date | null };
/** The statement's row: the actor's columns (all null when the token is not valid) and, when asked, the limit's count (null when none is live). */
type LookupRow = { [K in keyof TokenActorRow]: TokenActorRow[K] | null } & { limitPoints?: number | null; limitExpire?: Date | null };

export interface TokenLookup {
  identity: TokenIdentity | null;
  /** The rate-limit count asked for (`limit`), read by the same statement; null when none is live. */
  limitCount: StoredCount | null;
}

/**
 * The actor behind a bearer secret, or null when the secret is malformed, unknown, revoked or
 * expired, or its user is disabled or gone. Looked up by SHA-256, so the secret never reaches a query.
 */
export async function authenticateToken(deps: ServiceDeps, secret: string): Promise<TokenIdentity | null> {
  return isTokenSecretShape(secret) ? (await lookUpToken(deps, secret)).identity : null;
}

/**
 * authenticateToken for a secret of the right shape, and with it a rate limit's count (`limit`, the
 * bad-token limit of the caller's address). Token, user, groups, approver standing and that count come
 * back from ONE statement, so every API call pays one round trip before its own work: the limit's row
 * is joined beside the actor, on a one-row FROM, so it is read whether the token is valid or not.
 */
export async function lookUpToken(deps: ServiceDeps, secret: string, limit?: CountRead): Promise<TokenLookup> {
  const { db, clock } = deps;
  const now = clock.now();
  const tokenActor = actorSelect({
    from: Prisma.sql`"ApiToken" t JOIN "User" u ON u.id = t."userId"`,
    where: Prisma.sql`t."tokenHash" = ${hashTokenSecret(secret)} AND t."revokedAt" IS NULL
      AND (t."expiresAt" IS NULL OR t."expiresAt" > ${utcTimestamp(now)}) AND u."disabledAt" IS NULL`,
    columns: Prisma.sql`, t.id AS "tokenId", t.scopes AS "tokenScopes", t."lastUsedAt" AS "tokenLastUsedAt"`,
    groupBy: Prisma.sql`, t.id`,
  });
  const [row] = await db.$queryRaw<LookupRow[]>(
    limit
      ? Prisma.sql`SELECT rl.points AS "limitPoints", rl.expire AS "limitExpire", token.*
          FROM (SELECT 1) one ${countJoin(limit)} LEFT JOIN (${tokenActor}) token ON true`
      : tokenActor,
  );
  const limitCount = row?.limitPoints != null ? { points: row.limitPoints, expire: row.limitExpire ?? null } : null;
  if (!row || row.tokenId === null) return { identity: null, limitCount };
  const actorRow = row as TokenActorRow;

  const actor = toActor(actorRow);
  const staleBefore = new Date(now.getTime() - LAST_USED_RESOLUTION_MS);
  if (!actorRow.tokenLastUsedAt || actorRow.tokenLastUsedAt < staleBefore) {
    // Conditional, so a burst of concurrent calls writes once.
    await db.apiToken.updateMany({ where: { id: actorRow.tokenId, OR: [{ lastUsedAt: null }, { lastUsedAt: { lt: staleBefore } }] }, data: { lastUsedAt: now } });
  }
  return { identity: { actor, token: { id: actorRow.tokenId, scopes: effectiveScopes(actorRow.tokenScopes, actor) } }, limitCount };
}
