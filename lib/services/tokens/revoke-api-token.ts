import { appendAudit } from '@/lib/audit/append';
import type { ActorContext } from '@/lib/domain/context';
import { AppError } from '@/lib/errors';
import type { ServiceDeps } from '../deps';
import { tokenActorFields } from './token-audit';
import { tokenView, type TokenView } from './token-view';
import { isUuid } from '@/lib/domain/ids';


/**
 * Revokes one of the actor's own tokens. Someone else's id (or no such id) finds nothing: 404.
 * The update is conditional on `revokedAt: null`, so two revokes at once record one event.
 */
export async function revokeApiToken(deps: ServiceDeps, ctx: ActorContext, input: { tokenId: string }): Promise<TokenView> {
  const notFound = new AppError('not_found', 'No such token.');
  if (!isUuid(input.tokenId)) throw notFound;
  const now = deps.clock.now();
  const row = await deps.db.$transaction(async (tx) => {
    const token = await tx.apiToken.findFirst({ where: { id: input.tokenId, userId: ctx.actor.id } });
    if (!token) throw notFound;
    const { count } = await tx.apiToken.updateMany({ where: { id: token.id, revokedAt: null }, data: { revokedAt: now } });
    if (count === 0) throw new AppError('conflict', 'This token is already revoked.');
    await appendAudit(tx, { ...tokenActorFields(ctx), action: 'token.revoked', data: { tokenId: token.id, name: token.name, prefix: token.prefix, via: ctx.via } });
    return tx.apiToken.findUniqueOrThrow({ where: { id: token.id } });
  });
  return tokenView(row, now);
}
