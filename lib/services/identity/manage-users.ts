import { actorFields } from '@/lib/audit/actor-fields';
import { appendAudit } from '@/lib/audit/append';
import type { ActorContext } from '@/lib/domain/context';
import { AppError } from '@/lib/errors';
import { authorize } from '@/lib/services/authorize';
import type { ServiceDeps } from '../deps';
import { lockUserRow } from '../row-lock';
import { offboardUser, type OffboardSummary } from './offboard-user';

export interface UserRow {
  id: string;
  email: string;
  name: string;
  role: string;
  source: string;
  disabledAt: string | null;
  lastLoginAt: string | null;
  liveGrants: number;
}

/** Everyone with an account, for the admin's user list: enabled first, then by e-mail. */
export async function listUsers(deps: Pick<ServiceDeps, 'db'>, ctx: ActorContext): Promise<UserRow[]> {
  authorize(ctx, 'portal.admin');
  const users = await deps.db.user.findMany({
    orderBy: [{ disabledAt: { sort: 'asc', nulls: 'first' } }, { email: 'asc' }],
    include: { _count: { select: { grants: { where: { status: { in: ['scheduled', 'active', 'revoking'] } } } } } },
  });
  return users.map((u) => ({
    id: u.id,
    email: u.email,
    name: u.name,
    role: u.role,
    source: u.source,
    disabledAt: u.disabledAt?.toISOString() ?? null,
    lastLoginAt: u.lastLoginAt?.toISOString() ?? null,
    liveGrants: u._count.grants,
  }));
}

/** An admin offboards a user from the portal: the same path as SCIM's deactivate. */
export async function disableUser(deps: ServiceDeps, ctx: ActorContext, input: { userId: string }): Promise<OffboardSummary> {
  authorize(ctx, 'portal.admin');
  // Locking yourself out leaves nobody to undo it.
  if (input.userId === ctx.actor.id) throw new AppError('conflict', 'You cannot disable your own account.');
  const exists = await deps.db.user.findUnique({ where: { id: input.userId }, select: { id: true } });
  if (!exists) throw new AppError('not_found', 'No such user.');
  return offboardUser(deps, input.userId, ctx, 'portal');
}

/** Lets a disabled user sign in again. Nothing they lost comes back: ended grants and revoked tokens stay ended. */
export async function enableUser(deps: ServiceDeps, ctx: ActorContext, input: { userId: string }): Promise<void> {
  authorize(ctx, 'portal.admin');
  await deps.db.$transaction(async (tx) => {
    if (!(await lockUserRow(tx, input.userId))) throw new AppError('not_found', 'No such user.');
    const user = await tx.user.findUniqueOrThrow({ where: { id: input.userId }, select: { email: true, disabledAt: true } });
    if (!user.disabledAt) return;
    await tx.user.update({ where: { id: input.userId }, data: { disabledAt: null } });
    await appendAudit(tx, { ...actorFields(ctx), action: 'user.enabled', data: { email: user.email, via: 'portal' } });
  });
}
