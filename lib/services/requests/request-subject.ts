import type { Db } from '@/lib/db/client';
import type { ActorContext } from '@/lib/domain/context';
import { AppError } from '@/lib/errors';
import { authorize } from '@/lib/services/authorize';

/** Whose request it is: the caller's own, or — through a `requests:delegate` token — another enabled user's. */
export interface RequestSubject {
  id: string;
  email: string;
  groups: string[];
  /** Set when the caller asked for someone else. */
  delegated: boolean;
}

/**
 * The requester of a new request. With `onBehalfOf` the caller needs `requests.delegate` (admins, and
 * only through a token given that scope); the request is then the other user's: their groups decide
 * eligibility and auto-approval, and as its requester they cannot approve it.
 */
export async function requestSubject(db: Db, ctx: ActorContext, onBehalfOf: string | undefined): Promise<RequestSubject> {
  if (onBehalfOf === undefined) return { id: ctx.actor.id, email: ctx.actor.email, groups: ctx.actor.groups, delegated: false };
  authorize(ctx, 'requests.delegate');
  const user = await db.user.findFirst({
    where: { email: { equals: onBehalfOf, mode: 'insensitive' }, disabledAt: null },
    include: { memberships: { include: { group: true } } },
  });
  if (!user) throw new AppError('unprocessable', 'No enabled user has that e-mail address.', { field: 'onBehalfOf' });
  return { id: user.id, email: user.email, groups: user.memberships.map((m) => m.group.name).sort(), delegated: user.id !== ctx.actor.id };
}
