import { type ActorRow, actorSelect, toActor } from '@/lib/auth/actor-query';
import { Prisma } from '@/lib/db/generated/client';
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

/**
 * The actor behind a bearer secret, or null when the secret is malformed, unknown, revoked or
 * expired, or its user is disabled or gone. Looked up by SHA-256, so the secret never reaches a query.
 * Token, user, groups and approver standing come back from one statement: every API call pays it.
 */
export async function authenticateToken(deps: ServiceDeps, secret: string): Promise<TokenIdentity | null> {
  if (!isTokenSecretShape(secret)) return null;
  const { db, clock } = deps;
  const now = clock.now();
  const rows = await db.$queryRaw<TokenActorRow[]>(
    actorSelect({
      from: Prisma.sql`"ApiToken" t JOIN "User" u ON u.id = t."userId"`,
      where: Prisma.sql`t."tokenHash" = ${hashTokenSecret(secret)} AND t."revokedAt" IS NULL
        AND (t."expiresAt" IS NULL OR t."expiresAt" > ${utcTimestamp(now)}) AND u."disabledAt" IS NULL`,
      columns: Prisma.sql`, t.id AS "tokenId", t.scopes AS "tokenScopes", t."lastUsedAt" AS "tokenLastUsedAt"`,
      groupBy: Prisma.sql`, t.id`,
    }),
  );
  const row = rows[0];
  if (!row) return null;
  const actor = toActor(row);

  const staleBefore = new Date(now.getTime() - LAST_USED_RESOLUTION_MS);
  if (!row.tokenLastUsedAt || row.tokenLastUsedAt < staleBefore) {
    // Conditional, so a burst of concurrent calls writes once.
    await db.apiToken.updateMany({ where: { id: row.tokenId, OR: [{ lastUsedAt: null }, { lastUsedAt: { lt: staleBefore } }] }, data: { lastUsedAt: now } });
  }
  return { actor, token: { id: row.tokenId, scopes: effectiveScopes(row.tokenScopes, actor) } };
}
