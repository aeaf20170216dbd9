import { appendAudit } from '@/lib/audit/append';
import type { ServiceDeps } from '../deps';
import { activateGrant } from '../grants/activate-grant';
import { finishEnding } from '../grants/finish-ending';
import { claimDueRequests, claimGrantsToEnd, dueForDeprovision, dueToStart } from './claim-due';

const BATCH = 200;
/** Bounds one pass; whatever is left is picked up by the next. */
const MAX_BATCHES = 50;
const system = { system: 'scheduler' } as const;

export interface SweepSummary {
  requestsExpired: number;
  grantsActivated: number;
  activationsFailed: number;
  grantsEnding: number;
  grantsEnded: number;
  deprovisionRetries: number;
}

/**
 * One pass of the scheduler: expire stale pending requests, start scheduled grants, move grants
 * past their end to `revoking`, and (re)try deprovisioning every revoking grant that is due.
 * Safe to run from several instances at once: every step claims its rows.
 */
export async function sweep(deps: ServiceDeps): Promise<SweepSummary> {
  const { db, clock } = deps;
  const summary: SweepSummary = { requestsExpired: 0, grantsActivated: 0, activationsFailed: 0, grantsEnding: 0, grantsEnded: 0, deprovisionRetries: 0 };

  for (let batch = 0; batch < MAX_BATCHES; batch++) {
    const now = clock.now();
    const expired = await db.$transaction(async (tx) => {
      const ids = await claimDueRequests(tx, now, BATCH);
      if (!ids.length) return 0;
      const rows = await tx.accessRequest.findMany({ where: { id: { in: ids } }, include: { entitlement: true } });
      await tx.accessRequest.updateMany({ where: { id: { in: ids }, status: 'pending' }, data: { status: 'expired', decidedAt: now } });
      for (const r of rows) {
        await appendAudit(tx, { actorLabel: 'system:scheduler', action: 'request.expired', requestId: r.id, entitlementId: r.entitlementId, resourceId: r.entitlement.resourceId, statusFrom: 'pending', statusTo: 'expired' });
      }
      return ids.length;
    });
    summary.requestsExpired += expired;
    if (expired < BATCH) break;
  }

  // Each processed grant leaves the due set (activated, or claimed by another sweep), so these loops end.
  for (let batch = 0; batch < MAX_BATCHES; batch++) {
    const ids = await dueToStart(db, clock.now(), BATCH);
    for (const id of ids) {
      const outcome = await activateGrant(deps, id, system);
      if (outcome === 'active') summary.grantsActivated++;
      if (outcome === 'failed') summary.activationsFailed++;
    }
    if (ids.length < BATCH) break;
  }

  for (let batch = 0; batch < MAX_BATCHES; batch++) {
    const now = clock.now();
    const ending = await db.$transaction(async (tx) => {
      const ids = await claimGrantsToEnd(tx, now, BATCH);
      if (!ids.length) return 0;
      const rows = await tx.grant.findMany({ where: { id: { in: ids } }, include: { entitlement: true } });
      await tx.grant.updateMany({ where: { id: { in: ids }, status: 'active' }, data: { status: 'revoking', endReason: 'expired', nextAttemptAt: now } });
      for (const g of rows) {
        await appendAudit(tx, {
          actorLabel: 'system:scheduler',
          action: 'grant.ending',
          grantId: g.id,
          requestId: g.requestId,
          entitlementId: g.entitlementId,
          resourceId: g.entitlement.resourceId,
          statusFrom: 'active',
          statusTo: 'revoking',
          data: { reason: 'expired', expiresAt: g.expiresAt.toISOString() },
        });
      }
      return ids.length;
    });
    summary.grantsEnding += ending;
    if (ending < BATCH) break;
  }

  // A grant tried here is ended, or leased / backed off into the future, so it is not due again in this pass.
  for (let batch = 0; batch < MAX_BATCHES; batch++) {
    const ids = await dueForDeprovision(db, clock.now(), BATCH);
    for (const id of ids) {
      const outcome = await finishEnding(deps, id);
      if (outcome === 'ended') summary.grantsEnded++;
      if (outcome === 'retrying') summary.deprovisionRetries++;
    }
    if (ids.length < BATCH) break;
  }
  return summary;
}
