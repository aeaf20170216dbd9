import { appendAudit } from '@/lib/audit/append';
import { actorFields } from '@/lib/audit/actor-fields';
import type { ActorContext } from '@/lib/domain/context';
import { tokenScopes, type TokenScope } from '@/lib/domain/scopes';
import { AppError } from '@/lib/errors';
import { rateLimitsFor } from '@/lib/http/rate-limit';
import type { ServiceDeps } from '../deps';
import { hashCode, normalizeUserCode } from './device-codes';
import { cliScopes } from './device-settings';

export interface DeviceSignInView {
  userCode: string;
  clientName: string;
  expiresAt: Date;
  scopes: { name: TokenScope; description: string }[];
}

const unknownCode = () => new AppError('not_found', 'No sign-in is waiting for this code. Check it, or run `timebox login` again: codes expire after 10 minutes.', { field: 'code' });

/** Only a person in the portal may approve a CLI: never a token (it could approve its own successor). */
function requireBrowser(ctx: ActorContext) {
  if (ctx.token || ctx.via !== 'web') throw new AppError('forbidden', 'Approve a CLI sign-in in the portal, signed in.');
}

/** A typed code is a guess until it matches: each one counts against the user's budget (30 per 5 minutes). */
async function findPending(deps: ServiceDeps, ctx: ActorContext, typed: string) {
  await rateLimitsFor(deps.db).consume('deviceSignIn', `user:${ctx.actor.id}`, { ip: ctx.ip ?? null, userAgent: ctx.userAgent ?? null, actorId: ctx.actor.id, actorLabel: ctx.actor.email });
  const userCode = normalizeUserCode(typed);
  if (!userCode) throw new AppError('unprocessable', 'A code is 8 letters, like BCDF-GHJK.', { field: 'code' });
  const row = await deps.db.deviceAuthorization.findUnique({ where: { userCodeHash: hashCode(userCode) } });
  if (!row || row.status !== 'pending' || row.expiresAt <= deps.clock.now()) throw unknownCode();
  return { row, userCode };
}

/** What the approval page shows for a typed code: which CLI, and the scopes its token will carry for this user. */
export async function describeDeviceSignIn(deps: ServiceDeps, ctx: ActorContext, typed: string): Promise<DeviceSignInView> {
  requireBrowser(ctx);
  const { row, userCode } = await findPending(deps, ctx, typed);
  return { userCode, clientName: row.clientName, expiresAt: row.expiresAt, scopes: cliScopes(ctx.actor).map((name) => ({ name, description: tokenScopes[name] })) };
}

/**
 * Approves or denies the CLI waiting on `userCode`. The update is conditional on `pending`, so a code is
 * decided once; the token itself is made when the CLI next polls (its secret is never stored, so it can
 * only be handed to the one who holds the device code).
 */
export async function decideDeviceSignIn(deps: ServiceDeps, ctx: ActorContext, input: { userCode: string; decision: 'approve' | 'deny' }): Promise<{ status: 'approved' | 'denied'; clientName: string }> {
  requireBrowser(ctx);
  const { row } = await findPending(deps, ctx, input.userCode);
  const now = deps.clock.now();
  const scopes = cliScopes(ctx.actor);
  const status = input.decision === 'approve' ? 'approved' : 'denied';
  await deps.db.$transaction(async (tx) => {
    const { count } = await tx.deviceAuthorization.updateMany({
      where: { id: row.id, status: 'pending', expiresAt: { gt: now } },
      data: { status, userId: ctx.actor.id, scopes: status === 'approved' ? scopes : [], decidedAt: now },
    });
    if (count === 0) throw unknownCode();
    await appendAudit(
      tx,
      status === 'approved'
        ? { ...actorFields(ctx), action: 'device.approved', data: { deviceId: row.id, clientName: row.clientName, scopes } }
        : { ...actorFields(ctx), action: 'device.denied', data: { deviceId: row.id, clientName: row.clientName } },
    );
  });
  return { status, clientName: row.clientName };
}
