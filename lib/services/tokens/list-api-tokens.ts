import type { ActorContext } from '@/lib/domain/context';
import type { ServiceDeps } from '../deps';
import { tokenView, type TokenView } from './token-view';

/** The actor's own tokens, newest first. Nobody lists anyone else's, admins included. */
export async function listApiTokens(deps: ServiceDeps, ctx: ActorContext): Promise<TokenView[]> {
  const rows = await deps.db.apiToken.findMany({ where: { userId: ctx.actor.id }, orderBy: [{ createdAt: 'desc' }, { id: 'asc' }], take: 200 });
  const now = deps.clock.now();
  return rows.map((t) => tokenView(t, now));
}
