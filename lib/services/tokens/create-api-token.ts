import { appendAudit } from '@/lib/audit/append';
import type { ActorContext } from '@/lib/domain/context';
import { defaultScopes, isTokenScope } from '@/lib/domain/scopes';
import { AppError } from '@/lib/errors';
import type { ServiceDeps } from '../deps';
import { tokenActorFields } from './token-audit';
import type { CreateTokenInput } from './token-input';
import { displayPrefix, generateTokenSecret, hashTokenSecret } from './token-secret';
import { grantableScopes } from '@/lib/domain/permissions';
import { tokenView, type TokenView } from './token-view';

const DAY_MS = 24 * 60 * 60_000;

/**
 * Creates an API token for the actor. The secret is returned here and only here: the database
 * keeps its SHA-256. A token cannot mint tokens (that would let a leaked token outlive its revocation).
 */
export async function createApiToken(deps: ServiceDeps, ctx: ActorContext, input: CreateTokenInput): Promise<{ token: TokenView; secret: string }> {
  if (ctx.token) throw new AppError('forbidden', 'An API token cannot create tokens; sign in to the portal instead.');
  const scopes = [...new Set(input.scopes ?? defaultScopes)];
  if (scopes.length === 0) throw new AppError('unprocessable', 'Choose at least one scope.', { field: 'scopes' });
  const unknown = scopes.filter((s) => !isTokenScope(s));
  if (unknown.length) throw new AppError('unprocessable', `Unknown scope(s): ${unknown.join(', ')}.`, { field: 'scopes' });
  const allowed = new Set<string>(grantableScopes(ctx.actor));
  const refused = scopes.filter((s) => !allowed.has(s));
  if (refused.length) throw new AppError('forbidden', `Your account cannot give a token the scope(s): ${refused.join(', ')}.`, { field: 'scopes' });

  const now = deps.clock.now();
  const secret = generateTokenSecret();
  const row = await deps.db.$transaction(async (tx) => {
    const created = await tx.apiToken.create({
      data: {
        userId: ctx.actor.id,
        name: input.name,
        tokenHash: hashTokenSecret(secret),
        prefix: displayPrefix(secret),
        scopes,
        expiresAt: input.expiresInDays ? new Date(now.getTime() + input.expiresInDays * DAY_MS) : null,
        createdAt: now,
      },
    });
    await appendAudit(tx, {
      ...tokenActorFields(ctx),
      action: 'token.created',
      data: { tokenId: created.id, name: created.name, prefix: created.prefix, scopes, expiresAt: created.expiresAt?.toISOString() ?? null, via: ctx.via },
    });
    return created;
  });
  return { token: tokenView(row, now), secret };
}
