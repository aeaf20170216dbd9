import type { Db } from '@/lib/db/client';
import { DAY_MS, utcTimestamp } from './sql-time';

export interface BreakGlassMetrics {
  windowDays: number;
  /** Break-glass grants taken in the window. */
  count: number;
  /** Of those, how many have been reviewed, and the share (0–1; null when there were none). */
  reviewed: number;
  shareReviewed: number | null;
  /** Seconds from breaking glass to its review, over those reviewed; null when none was. */
  medianSecondsToReview: number | null;
  /** Judged "not justified" by their reviewer. */
  notJustified: number;
  /** Still unreviewed after TIMEBOX_BREAK_GLASS_REVIEW_HOURS (counted over all time: overdue never ages out). */
  overdue: number;
}

export const BREAK_GLASS_WINDOW_DAYS = 30;

/**
 * Break-glass over the last 30 days: how often, how much of it has been looked at, how fast, and how
 * much was judged not justified. "Broke glass at" is the request's decidedAt (set from the injected
 * clock at the moment it was granted), so tests move time instead of waiting.
 */
export async function breakGlassMetrics(db: Db, now: Date, overdueHours: number, windowDays = BREAK_GLASS_WINDOW_DAYS): Promise<BreakGlassMetrics> {
  const since = new Date(now.getTime() - windowDays * DAY_MS);
  const overdueBefore = new Date(now.getTime() - overdueHours * 3_600_000);
  const [row] = await db.$queryRaw<{ count: bigint; reviewed: bigint; not_justified: bigint; median: number | null }[]>`
    SELECT count(*) AS count,
           count(v."id") AS reviewed,
           count(*) FILTER (WHERE v."outcome" = 'not_justified') AS not_justified,
           percentile_cont(0.5) WITHIN GROUP (ORDER BY EXTRACT(EPOCH FROM (v."createdAt" - r."decidedAt"))::float8) AS median
      FROM "Grant" g
      JOIN "AccessRequest" r ON r."id" = g."requestId"
      LEFT JOIN "GrantReview" v ON v."grantId" = g."id"
     WHERE r."breakGlass" AND r."decidedAt" >= ${utcTimestamp(since)} AND r."decidedAt" <= ${utcTimestamp(now)}`;
  const overdue = await countOverdueReviews(db, overdueBefore);
  const count = Number(row?.count ?? 0);
  const reviewed = Number(row?.reviewed ?? 0);
  const median = row?.median;
  return {
    windowDays,
    count,
    reviewed,
    shareReviewed: count === 0 ? null : reviewed / count,
    medianSecondsToReview: median === null || median === undefined ? null : Math.max(0, Number(median)),
    notJustified: Number(row?.not_justified ?? 0),
    overdue,
  };
}

/** Unreviewed break-glass grants taken before `before` (now minus the overdue setting). */
export function countOverdueReviews(db: Db, before: Date): Promise<number> {
  return db.grant.count({ where: { needsReview: true, request: { breakGlass: true, decidedAt: { lt: before } } } });
}
