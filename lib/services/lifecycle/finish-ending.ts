import { appendAudit } from '@/lib/audit/append';
import { revokeBackoffMs } from '@/lib/domain/grant-status';
import { REVOCATION_LEASE_MS } from '@/lib/domain/revocation-lease';
import { errorMessage } from '@/lib/errors';
import { log } from '@/lib/log';
import type { ServiceDeps } from '../deps';
import { loadGrantTarget } from './grant-target';
import { grantEventIds } from '@/lib/audit/event-ids';
import { transitionGrant } from './transition';
import { notifyRevocationFailing } from '../notify/enqueue';

/** Admins are told when a revocation has failed this many times (once per grant). */
const REVOCATION_ALERT_ATTEMPT = 3;


export type EndingOutcome = 'ended' | 'retrying' | 'not-due';

const scheduler = { system: 'scheduler' } as const;

/**
 * One try at removing a `revoking` grant's access from its target. Success: → expired | revoked.
 * Failure: stays `revoking` with exponential backoff, forever (never abandoned); each failure is audited.
 * A lease (conditional update on nextAttemptAt) makes sure two sweeps never call the connector at once.
 */
export async function finishEnding(deps: ServiceDeps, grantId: string): Promise<EndingOutcome> {
  const { db, clock, connectors } = deps;
  const now = clock.now();
  const { count } = await db.grant.updateMany({
    where: { id: grantId, status: 'revoking', OR: [{ nextAttemptAt: null }, { nextAttemptAt: { lte: now } }] },
    data: { nextAttemptAt: new Date(now.getTime() + REVOCATION_LEASE_MS) },
  });
  if (count === 0) return 'not-due';

  const target = await loadGrantTarget(db, grantId);
  const connector = target ? connectors.get(target.resource.kind) : undefined;
  try {
    if (!target || !connector) throw new Error(`no connector for resource kind ${target?.resource.kind ?? 'unknown'}`);
    await connector.deprovision(target);
  } catch (error) {
    const reason = errorMessage(error);
    await db.$transaction(async (tx) => {
      const grant = await tx.grant.findUniqueOrThrow({ where: { id: grantId }, include: { entitlement: { select: { resourceId: true } } } });
      const attempts = grant.revokeAttempts + 1;
      const nextAttemptAt = new Date(clock.now().getTime() + revokeBackoffMs(attempts));
      // Bookkeeping of the retry, not a move: the grant stays revoking until the target confirms.
      await tx.grant.updateMany({ where: { id: grantId, status: 'revoking' }, data: { revokeAttempts: attempts, nextAttemptAt, lastError: reason } });
      await appendAudit(tx, {
        actorLabel: 'system:scheduler',
        ...grantEventIds(grant),
        action: 'grant.deprovision_failed',
        data: { attempt: attempts, nextAttemptAt: nextAttemptAt.toISOString(), reason },
      });
      if (attempts === REVOCATION_ALERT_ATTEMPT) await notifyRevocationFailing(tx, grantId, attempts, reason);
    });
    log.warn({ grantId, reason }, 'deprovisioning failed; will retry');
    return 'retrying';
  }

  await db.$transaction(async (tx) => {
    const grant = await tx.grant.findUniqueOrThrow({ where: { id: grantId }, select: { endReason: true } });
    const terminal = grant.endReason === 'revoked' ? 'revoked' : 'expired';
    await transitionGrant(tx, grantId, {
      from: 'revoking',
      to: terminal,
      set: { endedAt: clock.now(), nextAttemptAt: null, lastError: null },
      by: scheduler,
      action: terminal === 'revoked' ? 'grant.revoked' : 'grant.expired',
      data: (g) => ({ attempts: g.revokeAttempts + 1 }),
    });
  });
  return 'ended';
}
