import type { ActorContext } from '@/lib/domain/context';
import { AppError } from '@/lib/errors';
import type { ServiceDeps } from '../deps';
import { tokenView, type TokenView } from './token-view';

/** The token the actor is calling with, as lists show it (never its hash). */
export async function currentToken(deps: ServiceDeps, ctx: ActorContext): Promise<TokenView> {
  if (!ctx.token) throw new AppError('unauthenticated', 'Send an API token: Authorization: Bearer <token>.');
  const row = await deps.db.apiToken.findFirst({ where: { id: ctx.token.id, userId: ctx.actor.id } });
  if (!row) throw new AppError('unauthenticated', 'The API token is unknown, expired or revoked.');
  return tokenView(row, deps.clock.now());
}
