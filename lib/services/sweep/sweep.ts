import type { ServiceDeps } from '../deps';
import { BATCH_TRANSACTION } from '../lifecycle/batch-transaction';
import { activateGrant, resumeProvisioning } from '../lifecycle/activate-grant';
import { endLeasedGrants, endingLease } from '../lifecycle/finish-ending';
import { holdConnectorConnections } from '../lifecycle/held-connectors';
import { transitionGrants, transitionRequests } from '../lifecycle/transition';
import { claimDueRequests, claimGrantsToEnd, dueToResumeProvisioning, dueToStart, leaseDueEndings } from './claim-due';

const BATCH = 200;
/** Bounds one pass; whatever is left is picked up by the next. */
const MAX_BATCHES = 50;
const system = { system: 'scheduler' } as const;

export interface SweepSummary {
  requestsExpired: number;
  grantsActivated: number;
  activationsFailed: number;
  provisioningResumed: number;
  grantsEnding: number;
  grantsEnded: number;
  deprovisionRetries: number;
}

/** Runs one batch after another until a batch is not full, at most MAX_BATCHES; returns how many rows they took. */
async function drain(batch: () => Promise<number>): Promise<number> {
  let total = 0;
  for (let i = 0; i < MAX_BATCHES; i++) {
    const taken = await batch();
    total += taken;
    if (taken < BATCH) break;
  }
  return total;
}

/**
 * One pass of the scheduler: expire stale pending requests, start scheduled grants (and re-drive
 * provisioning ones whose lease lapsed), move grants past their end to `revoking`, and (re)try
 * deprovisioning every revoking grant that is due.
 * Safe to run from several instances at once: every step claims its rows.
 */
export async function sweep(deps: ServiceDeps): Promise<SweepSummary> {
  // One admin connection per target for the whole pass where the connector can hold one (starts and
  // ends alike), rather than one per grant or per batch; all closed when the pass ends.
  const held = holdConnectorConnections(deps.connectors);
  try {
    return await sweepWith({ ...deps, connectors: held.connectors });
  } finally {
    await held.close();
  }
}

async function sweepWith(deps: ServiceDeps): Promise<SweepSummary> {
  const { db, clock } = deps;
  const summary: SweepSummary = { requestsExpired: 0, grantsActivated: 0, activationsFailed: 0, provisioningResumed: 0, grantsEnding: 0, grantsEnded: 0, deprovisionRetries: 0 };

  summary.requestsExpired = await drain(() =>
    db.$transaction(async (tx) => {
      const now = clock.now();
      const ids = await claimDueRequests(tx, now, BATCH);
      await transitionRequests(tx, ids, { from: 'pending', to: 'expired', set: { decidedAt: now }, by: system, action: 'request.expired', data: () => ({}) });
      return ids.length;
    }, BATCH_TRANSACTION),
  );

  // Each processed grant leaves the due set (activated, or claimed by another sweep), so this ends.
  await drain(async () => {
    const ids = await dueToStart(db, clock.now(), BATCH);
    for (const id of ids) {
      const outcome = await activateGrant(deps, id, system);
      if (outcome === 'active') summary.grantsActivated++;
      if (outcome === 'failed') summary.activationsFailed++;
    }
    return ids.length;
  });

  // A provisioning grant whose lease lapsed was left by a process that died mid-call: provision it again.
  await drain(async () => {
    const ids = await dueToResumeProvisioning(db, clock.now(), BATCH);
    for (const id of ids) {
      const outcome = await resumeProvisioning(deps, id);
      if (outcome !== 'not-due') summary.provisioningResumed++;
      if (outcome === 'active') summary.grantsActivated++;
      if (outcome === 'failed') summary.activationsFailed++;
    }
    return ids.length;
  });

  summary.grantsEnding = await drain(() =>
    db.$transaction(async (tx) => {
      const now = clock.now();
      const ids = await claimGrantsToEnd(tx, now, BATCH);
      await transitionGrants(tx, ids, {
        from: 'active',
        to: 'revoking',
        set: { endReason: 'expired', nextAttemptAt: now },
        by: system,
        action: 'grant.ending',
        data: (g) => ({ reason: 'expired', expiresAt: g.expiresAt.toISOString() }),
      });
      return ids.length;
    }, BATCH_TRANSACTION),
  );

  // A batch at a time: leased in one statement, the targets called together (on the pass's one admin
  // connection per target where the connector can), the outcomes written set-based. A grant tried here is
  // ended or backed off into the future; one whose lease ran short before its turn is handed back and
  // taken by the next batch.
  await drain(async () => {
    const now = clock.now();
    const ids = await leaseDueEndings(db, now, endingLease(now), BATCH);
    for (const outcome of (await endLeasedGrants(deps, ids)).values()) {
      if (outcome === 'ended') summary.grantsEnded++;
      if (outcome === 'retrying') summary.deprovisionRetries++;
    }
    return ids.length;
  });
  return summary;
}
