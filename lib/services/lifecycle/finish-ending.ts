import { appendAuditMany, type AuditInput } from '@/lib/audit/append';
import { grantEventIds } from '@/lib/audit/event-ids';
import { revokeBackoffMs } from '@/lib/domain/grant-status';
import { ADMIN_CONNECT_BOUND_MS, ADMIN_STATEMENT_BOUND_MS, REVOCATION_LEASE_MS } from '@/lib/domain/revocation-lease';
import { errorMessage } from '@/lib/errors';
import { log } from '@/lib/log';
import type { ServiceDeps } from '../deps';
import { notifyRevocationFailing } from '../notify/enqueue';
import { BATCH_TRANSACTION } from './batch-transaction';
import { deprovisionAll } from './deprovision-all';
import { loadGrantTargets } from './grant-target';
import { transitionGrants } from './transition';

/** Admins are told when a revocation has failed this many times (once per grant). */
const REVOCATION_ALERT_ATTEMPT = 3;

/**
 * A grant's connector call starts only while this much of its lease is left: room for a connect and one
 * bounded statement, the same margin a single call has. A batch ending many grants on one connection
 * leaves the rest for the next pass rather than work on a grant whose lease another sweep may take.
 */
const START_MARGIN_MS = ADMIN_CONNECT_BOUND_MS + ADMIN_STATEMENT_BOUND_MS;

export type EndingOutcome = 'ended' | 'retrying' | 'not-due';

const scheduler = { system: 'scheduler' } as const;

/** The lease a try at ending takes (nextAttemptAt): while it holds, no other sweep calls the connector for the grant. */
export const endingLease = (now: Date) => new Date(now.getTime() + REVOCATION_LEASE_MS);

/**
 * One try at removing a `revoking` grant's access from its target. Success: → expired | revoked.
 * Failure: stays `revoking` with exponential backoff, forever (never abandoned); each failure is audited.
 * A lease (conditional update on nextAttemptAt) makes sure two sweeps never call the connector at once.
 */
export async function finishEnding(deps: ServiceDeps, grantId: string): Promise<EndingOutcome> {
  const now = deps.clock.now();
  const { count } = await deps.db.grant.updateMany({
    where: { id: grantId, status: 'revoking', OR: [{ nextAttemptAt: null }, { nextAttemptAt: { lte: now } }] },
    data: { nextAttemptAt: endingLease(now) },
  });
  if (count === 0) return 'not-due';
  return (await endLeasedGrants(deps, [grantId])).get(grantId) ?? 'not-due';
}

/**
 * finishEnding for a batch of `revoking` grants whose lease the caller has just taken: the targets are
 * called together (lifecycle/deprovision-all.ts), then the outcomes are written set-based, one statement
 * and one audit insert per kind of outcome. Returns each grant's outcome.
 */
export async function endLeasedGrants(deps: ServiceDeps, grantIds: readonly string[]): Promise<Map<string, EndingOutcome>> {
  const outcomes = new Map<string, EndingOutcome>();
  if (grantIds.length === 0) return outcomes;
  const leasedAt = performance.now();
  const mayStart = () => performance.now() - leasedAt < REVOCATION_LEASE_MS - START_MARGIN_MS;
  const targets = await loadGrantTargets(deps.db, grantIds);
  const results = await deprovisionAll(deps.connectors, grantIds, targets, mayStart);

  const done = results.filter((r) => r.outcome === 'done').map((r) => r.grantId);
  const failed = new Map(results.flatMap((r) => (r.outcome === 'failed' ? [[r.grantId, errorMessage(r.error)] as const] : [])));
  const notStarted = results.filter((r) => r.outcome === 'not-started').map((r) => r.grantId);
  if (done.length > 0) await recordEnded(deps, done);
  if (failed.size > 0) await recordFailures(deps, failed);
  // Not tried: give the lease back so the next pass takes them at once.
  if (notStarted.length > 0) await deps.db.grant.updateMany({ where: { id: { in: notStarted }, status: 'revoking' }, data: { nextAttemptAt: deps.clock.now() } });

  for (const id of done) outcomes.set(id, 'ended');
  for (const id of failed.keys()) outcomes.set(id, 'retrying');
  for (const id of notStarted) outcomes.set(id, 'not-due');
  return outcomes;
}

/** The target confirmed: revoking → revoked (someone ended it) or expired (time was up), in one transaction. */
async function recordEnded(deps: ServiceDeps, grantIds: string[]): Promise<void> {
  await deps.db.$transaction(async (tx) => {
    const set = { endedAt: deps.clock.now(), nextAttemptAt: null, lastError: null };
    const data = (g: { revokeAttempts: number }) => ({ attempts: g.revokeAttempts + 1 });
    await transitionGrants(tx, grantIds, { from: 'revoking', to: 'revoked', when: { endReason: 'revoked' }, set, by: scheduler, action: 'grant.revoked', data });
    await transitionGrants(tx, grantIds, { from: 'revoking', to: 'expired', when: { OR: [{ endReason: null }, { endReason: { not: 'revoked' } }] }, set, by: scheduler, action: 'grant.expired', data });
  }, BATCH_TRANSACTION);
}

/** Bookkeeping of failed tries, not a move: the grants stay revoking, each with its own backoff, until the target confirms. */
async function recordFailures(deps: ServiceDeps, reasons: ReadonlyMap<string, string>): Promise<void> {
  const { db, clock } = deps;
  await db.$transaction(async (tx) => {
    const alerts: { grantId: string; attempts: number; reason: string }[] = [];
    const grants = await tx.grant.findMany({
      where: { id: { in: [...reasons.keys()] } },
      select: { id: true, requestId: true, entitlementId: true, revokeAttempts: true, entitlement: { select: { resourceId: true } } },
    });
    const events: AuditInput[] = [];
    for (const grant of grants) {
      const reason = reasons.get(grant.id)!;
      const attempts = grant.revokeAttempts + 1;
      const nextAttemptAt = new Date(clock.now().getTime() + revokeBackoffMs(attempts));
      await tx.grant.updateMany({ where: { id: grant.id, status: 'revoking' }, data: { revokeAttempts: attempts, nextAttemptAt, lastError: reason } });
      events.push({ actorLabel: 'system:scheduler', ...grantEventIds(grant), action: 'grant.deprovision_failed', data: { attempt: attempts, nextAttemptAt: nextAttemptAt.toISOString(), reason } });
      if (attempts === REVOCATION_ALERT_ATTEMPT) alerts.push({ grantId: grant.id, attempts, reason });
    }
    await appendAuditMany(tx, events);
    for (const alert of alerts) await notifyRevocationFailing(tx, alert.grantId, alert.attempts, alert.reason);
  }, BATCH_TRANSACTION);
  for (const [grantId, reason] of reasons) log.warn({ grantId, reason }, 'deprovisioning failed; will retry');
}
