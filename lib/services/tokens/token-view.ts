import type { ApiToken } from '@/lib/db/generated/client';

export type TokenStatus = 'active' | 'expired' | 'revoked';

/** What lists show about a token: never its hash, never its secret. */
export function tokenView(t: ApiToken, now: Date) {
  const status: TokenStatus = t.revokedAt ? 'revoked' : t.expiresAt && t.expiresAt <= now ? 'expired' : 'active';
  return {
    id: t.id,
    name: t.name,
    prefix: t.prefix,
    scopes: t.scopes,
    status,
    createdAt: t.createdAt.toISOString(),
    expiresAt: t.expiresAt?.toISOString() ?? null,
    lastUsedAt: t.lastUsedAt?.toISOString() ?? null,
    revokedAt: t.revokedAt?.toISOString() ?? null,
  };
}

export type TokenView = ReturnType<typeof tokenView>;
