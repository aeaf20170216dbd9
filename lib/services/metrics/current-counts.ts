import type { Db } from '@/lib/db/client';
import { DAY_MS } from './sql-time';

export interface CurrentCounts {
  activeGrants: number;
  pendingRequests: number;
  /** Grants being taken away: claimed for revocation, connector not yet done. */
  revocationsWaiting: number;
  /** Of those, the ones whose connector call failed at least once (retried with backoff). */
  revocationsFailing: number;
  /** `reconcile.drift_found` events in the last `driftWindowDays` days. */
  driftFound: number;
  driftWindowDays: number;
}

export const DRIFT_WINDOW_DAYS = 7;

/** The dashboard's headline numbers; each is one count a status or (action, seq) index serves. */
export async function currentCounts(db: Db, now: Date, driftWindowDays = DRIFT_WINDOW_DAYS): Promise<CurrentCounts> {
  const [activeGrants, pendingRequests, revocationsWaiting, revocationsFailing, driftFound] = await Promise.all([
    // An active grant whose time is up no longer grants anything (checkAccess says so at once), even before the sweep ends it.
    db.grant.count({ where: { status: 'active', expiresAt: { gt: now } } }),
    db.accessRequest.count({ where: { status: 'pending' } }),
    db.grant.count({ where: { status: 'revoking' } }),
    db.grant.count({ where: { status: 'revoking', revokeAttempts: { gte: 1 } } }),
    db.auditEvent.count({ where: { action: 'reconcile.drift_found', occurredAt: { gte: new Date(now.getTime() - driftWindowDays * DAY_MS), lte: now } } }),
  ]);
  return { activeGrants, pendingRequests, revocationsWaiting, revocationsFailing, driftFound, driftWindowDays };
}
