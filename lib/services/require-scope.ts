import type { ActorContext } from '@/lib/domain/context';
import type { TokenScope } from '@/lib/domain/scopes';
import { AppError } from '@/lib/errors';

/** A token narrows its user's rights: a call outside its scopes is refused. Browser sessions hold every scope. */
export function requireScope(ctx: ActorContext, scope: TokenScope): void {
  if (ctx.token && !ctx.token.scopes.includes(scope)) {
    throw new AppError('forbidden', `This token lacks the "${scope}" scope.`);
  }
}
