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
/** The statement's row: the actor's columns (all null when the token is not valid) and, when asked, the limit's count (null when none is live) and the caller's row (`besideFound` null when none). */
type LookupRow = { [K in keyof TokenActorRow]: TokenActorRow[K] | null } & { limitPoints?: number | null; limitExpire?: Date | null; besideFound?: boolean | null };

export interface TokenLookup<B> {
  identity: TokenIdentity | null;
  /** The rate-limit count asked for (`limit`), read by the same statement; null when none is live. */
  limitCount: StoredCount | null;
  /** The row of the caller's `beside` SELECT, read by the same statement; null when it found none. */
  beside: B | null;
}

/** A SELECT of at most one row whose columns are `R` (raw SQL says nothing of its row's type). */
export type RowQuery<R> = Prisma.Sql & { readonly rowType?: R };

/** What else the token's statement reads, so an API call pays one round trip before its answer. */
export interface LookupBeside {
  /** A rate limit's count (the bad-token limit of the caller's address). */
  limit?: CountRead | undefined;
  /**
   * A SELECT of at most one row the caller will need once the token is known to allow it (the access
   * check's grant): it runs whoever the token is, and its row is the caller's to use only after its
   * authorization passed. Its column names must differ from the actor's (name them after the caller).
   */
  beside?: Prisma.Sql | undefined;
}

/**
 * The actor behind a bearer secret, or null when the secret is malformed, unknown, revoked or
 * expired, or its user is disabled or gone. Looked up by SHA-256, so the secret never reaches a query.
 */
export async function authenticateToken(deps: ServiceDeps, secret: string): Promise<TokenIdentity | null> {
  return isTokenSecretShape(secret) ? (await lookUpToken(deps, secret)).identity : null;
}

/**
 * authenticateToken for a secret of the right shape, and with it what `also` asks for. Token, user,
 * groups, approver standing, the limit's count and the caller's row come back from ONE statement: each
 * is joined on a one-row FROM, so each is read whether the token is valid or not.
 */
export async function lookUpToken<B = never>(deps: ServiceDeps, secret: string, also: LookupBeside = {}): Promise<TokenLookup<B>> {
  const { db, clock } = deps;
  const now = clock.now();
  const tokenActor = actorSelect({
    from: Prisma.sql`"ApiToken" t JOIN "User" u ON u.id = t."userId"`,
    where: Prisma.sql`t."tokenHash" = ${hashTokenSecret(secret)} AND t."revokedAt" IS NULL
      AND (t."expiresAt" IS NULL OR t."expiresAt" > ${utcTimestamp(now)}) AND u."disabledAt" IS NULL`,
    columns: Prisma.sql`, t.id AS "tokenId", t.scopes AS "tokenScopes", t."lastUsedAt" AS "tokenLastUsedAt"`,
    groupBy: Prisma.sql`, t.id`,
  });
  const { limit, beside } = also;
  const [row] = await db.$queryRaw<LookupRow[]>(Prisma.sql`
    SELECT token.* ${limit ? Prisma.sql`, rl.points AS "limitPoints", rl.expire AS "limitExpire"` : Prisma.empty} ${beside ? Prisma.sql`, beside.*` : Prisma.empty}
      FROM (SELECT 1) one
      ${limit ? countJoin(limit) : Prisma.empty}
      LEFT JOIN (${tokenActor}) token ON true
      ${beside ? Prisma.sql`LEFT JOIN LATERAL (SELECT true AS "besideFound", b.* FROM (${beside}) b) beside ON true` : Prisma.empty}`);
  if (!row) throw new Error('the token lookup returned no row from its one-row FROM');
  const limitCount = row.limitPoints != null ? { points: row.limitPoints, expire: row.limitExpire ?? null } : null;
  const besideRow = row.besideFound ? (row as unknown as B) : null;
  if (row.tokenId === null) return { identity: null, limitCount, beside: besideRow };
  const actorRow = row as TokenActorRow;

  const actor = toActor(actorRow);
  const staleBefore = new Date(now.getTime() - LAST_USED_RESOLUTION_MS);
  if (!actorRow.tokenLastUsedAt || actorRow.tokenLastUsedAt < staleBefore) {
    // Conditional, so a burst of concurrent calls writes once.
    await db.apiToken.updateMany({ where: { id: actorRow.tokenId, OR: [{ lastUsedAt: null }, { lastUsedAt: { lt: staleBefore } }] }, data: { lastUsedAt: now } });
  }
  return { identity: { actor, token: { id: actorRow.tokenId, scopes: effectiveScopes(actorRow.tokenScopes, actor) } }, limitCount, beside: besideRow };
}
