import { appendAudit } from '@/lib/audit/append';
import { revokeBackoffMs } from '@/lib/domain/grant-status';
import { log } from '@/lib/log';
import type { ServiceDeps } from '../deps';
import { errorMessage, loadGrantTarget } from './grant-target';

/** How long one sweep holds a revoking grant while it calls the connector; a crash frees it after this. */
const ATTEMPT_LEASE_MS = 60_000;

export type EndingOutcome = 'ended' | 'retrying' | 'not-due';

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
    data: { nextAttemptAt: new Date(now.getTime() + ATTEMPT_LEASE_MS) },
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
      const grant = await tx.grant.findUniqueOrThrow({ where: { id: grantId } });
      const attempts = grant.revokeAttempts + 1;
      const nextAttemptAt = new Date(clock.now().getTime() + revokeBackoffMs(attempts));
      await tx.grant.updateMany({ where: { id: grantId, status: 'revoking' }, data: { revokeAttempts: attempts, nextAttemptAt, lastError: reason } });
      await appendAudit(tx, {
        actorLabel: 'system:scheduler',
        action: 'grant.deprovision_failed',
        grantId,
        requestId: grant.requestId,
        entitlementId: grant.entitlementId,
        resourceId: target?.resource.id,
        data: { attempt: attempts, nextAttemptAt: nextAttemptAt.toISOString(), reason },
      });
    });
    log.warn({ grantId, reason }, 'deprovisioning failed; will retry');
    return 'retrying';
  }

  await db.$transaction(async (tx) => {
    const grant = await tx.grant.findUniqueOrThrow({ where: { id: grantId } });
    const terminal = grant.endReason === 'revoked' ? 'revoked' : 'expired';
    const { count: ended } = await tx.grant.updateMany({
      where: { id: grantId, status: 'revoking' },
      data: { status: terminal, endedAt: clock.now(), nextAttemptAt: null, lastError: null },
    });
    if (ended === 0) return;
    await appendAudit(tx, {
      actorLabel: 'system:scheduler',
      action: `grant.${terminal}`,
      grantId,
      requestId: grant.requestId,
      entitlementId: grant.entitlementId,
      resourceId: target.resource.id,
      statusFrom: 'revoking',
      statusTo: terminal,
      data: { attempts: grant.revokeAttempts + 1 },
    });
  });
  return 'ended';
}
