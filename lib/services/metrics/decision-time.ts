import type { Db } from '@/lib/db/client';
import { DAY_MS, utcTimestamp } from './sql-time';

export interface DecisionTime {
  windowDays: number;
  /** Requests people decided (approved or denied) in the window. */
  decisions: number;
  /** Seconds from request to decision; null when nothing was decided. */
  medianSeconds: number | null;
  p95Seconds: number | null;
}

export const DECISION_WINDOW_DAYS = 30;

/**
 * How long requesters wait for a person to decide: request created → decidedAt, over requests
 * decided in the last 30 days. Auto-approved and break-glass requests are left out (nobody decided
 * them, and their zero waits would hide the approvers' real latency); cancelled and expired ones are
 * not decisions. percentile_cont interpolates, as PostgreSQL and PGlite both do.
 */
export async function decisionTime(db: Db, now: Date, windowDays = DECISION_WINDOW_DAYS): Promise<DecisionTime> {
  const since = new Date(now.getTime() - windowDays * DAY_MS);
  const [row] = await db.$queryRaw<{ decisions: bigint; median: number | null; p95: number | null }[]>`
    SELECT count(*) AS decisions,
           percentile_cont(0.5) WITHIN GROUP (ORDER BY wait) AS median,
           percentile_cont(0.95) WITHIN GROUP (ORDER BY wait) AS p95
      FROM (SELECT EXTRACT(EPOCH FROM ("decidedAt" - "createdAt"))::float8 AS wait
              FROM "AccessRequest"
             WHERE "status" IN ('approved', 'denied') AND NOT "autoApproved" AND NOT "breakGlass"
               AND "decidedAt" IS NOT NULL
               AND "decidedAt" >= ${utcTimestamp(since)} AND "decidedAt" <= ${utcTimestamp(now)}) AS waits`;
  const seconds = (v: number | null | undefined) => (v === null || v === undefined ? null : Math.max(0, Number(v)));
  return { windowDays, decisions: Number(row?.decisions ?? 0), medianSeconds: seconds(row?.median), p95Seconds: seconds(row?.p95) };
}
