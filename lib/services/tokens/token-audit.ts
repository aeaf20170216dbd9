import { actorFields } from '@/lib/audit/actor-fields';
import type { ActorContext } from '@/lib/domain/context';

/**
 * Actor fields for token events. The operator CLI acts *as* the token's user, so its label says
 * so ("alice@example.com via cli") — the trail must not read as if Alice did it in the browser.
 */
export function tokenActorFields(ctx: ActorContext) {
  const fields = actorFields(ctx);
  return ctx.via === 'cli' ? { ...fields, actorLabel: `${fields.actorLabel} via cli` } : fields;
}
