import { appendAudit } from '@/lib/audit/append';
import { loadActor } from '@/lib/auth/load-actor';
import type { ServiceDeps } from '../deps';
import { effectiveScopes } from '../tokens/token-scopes';
import { displayPrefix, generateTokenSecret, hashTokenSecret } from '../tokens/token-secret';
import { hashCode, isDeviceCodeShape } from './device-codes';
import { CLI_TOKEN_TTL_MS, SLOW_DOWN_STEP_SECONDS } from './device-settings';

/** RFC 8628 §3.5: what a poll learns. Only `issued` carries the token, and only once. */
export type DevicePoll =
  | { state: 'authorization_pending' | 'access_denied' | 'expired_token' | 'invalid_grant' }
  | { state: 'slow_down'; intervalSeconds: number }
  | { state: 'issued'; token: string; expiresAt: Date; scopes: string[]; user: { email: string; name: string | null } };

// A poll a little early (network jitter, timers) is not a client ignoring the interval.
const EARLY_TOLERANCE_MS = 500;

/**
 * The CLI's poll with its device code. An approved code is redeemed once — the conditional update from
 * `approved` to `issued` and the new token are one transaction — for an API token of the approver with the
 * CLI scopes and a 12-hour life. Unknown codes, codes already redeemed and malformed ones all read `invalid_grant`.
 */
export async function redeemDeviceCode(deps: ServiceDeps, input: { deviceCode: string; ip?: string | null; userAgent?: string | null }): Promise<DevicePoll> {
  if (!isDeviceCodeShape(input.deviceCode)) return { state: 'invalid_grant' };
  const { db } = deps;
  const now = deps.clock.now();
  const row = await db.deviceAuthorization.findUnique({ where: { deviceCodeHash: hashCode(input.deviceCode) } });
  if (!row || row.status === 'issued') return { state: 'invalid_grant' };
  if (row.expiresAt <= now) return { state: 'expired_token' };

  if (row.lastPolledAt && now.getTime() - row.lastPolledAt.getTime() < row.intervalSeconds * 1000 - EARLY_TOLERANCE_MS) {
    const intervalSeconds = row.intervalSeconds + SLOW_DOWN_STEP_SECONDS;
    await db.deviceAuthorization.update({ where: { id: row.id }, data: { intervalSeconds, lastPolledAt: now } });
    return { state: 'slow_down', intervalSeconds };
  }
  await db.deviceAuthorization.update({ where: { id: row.id }, data: { lastPolledAt: now } });
  if (row.status === 'pending') return { state: 'authorization_pending' };
  if (row.status === 'denied' || !row.userId) return { state: 'access_denied' };

  // The approver may have lost rights (or been disabled) since approving: the token gets what they hold now.
  const actor = await loadActor(db, row.userId);
  if (!actor) return { state: 'access_denied' };
  const scopes = effectiveScopes(row.scopes, actor);
  if (scopes.length === 0) return { state: 'access_denied' };

  const secret = generateTokenSecret();
  const expiresAt = new Date(now.getTime() + CLI_TOKEN_TTL_MS);
  const issued = await db.$transaction(async (tx) => {
    const { count } = await tx.deviceAuthorization.updateMany({ where: { id: row.id, status: 'approved' }, data: { status: 'issued' } });
    if (count === 0) return false; // a concurrent poll redeemed it first
    const token = await tx.apiToken.create({
      data: { userId: actor.id, name: row.clientName, tokenHash: hashTokenSecret(secret), prefix: displayPrefix(secret), scopes, expiresAt, createdAt: now },
    });
    await tx.deviceAuthorization.update({ where: { id: row.id }, data: { tokenId: token.id } });
    await appendAudit(tx, {
      actorId: actor.id,
      actorLabel: `${actor.email} (device sign-in)`,
      tokenId: token.id,
      ip: input.ip ?? null,
      userAgent: input.userAgent ?? null,
      action: 'device.token_issued',
      data: { deviceId: row.id, clientName: row.clientName, tokenId: token.id, prefix: token.prefix, scopes, expiresAt: expiresAt.toISOString() },
    });
    return true;
  });
  if (!issued) return { state: 'invalid_grant' };
  return { state: 'issued', token: secret, expiresAt, scopes, user: { email: actor.email, name: actor.name } };
}
