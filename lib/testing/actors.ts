import { loadActor } from '@/lib/auth/load-actor';
import type { Db } from '@/lib/db/client';
import type { ActorContext } from '@/lib/domain/context';
import type { TokenScope } from '@/lib/domain/scopes';

/** The context a signed-in seeded user acts with (optionally through a token with these scopes). */
export async function actorContext(db: Db, email: string, scopes?: TokenScope[]): Promise<ActorContext> {
  const user = await db.user.findUniqueOrThrow({ where: { email } });
  const actor = await loadActor(db, user.id);
  if (!actor) throw new Error(`${email} cannot act`);
  return { actor, via: scopes ? 'api' : 'web', ...(scopes ? { token: { id: '00000000-0000-4000-8000-00000000000a', scopes } } : {}) };
}
