import type { Db } from '@/lib/db/client';

/**
 * Takes up to `limit` due messages in one statement: SKIP LOCKED lets concurrent schedulers pass over each
 * other's rows, and moving `nextAttemptAt` to the lease's end keeps a claimed message from being taken
 * again while it is being sent. If the sender dies, the lease runs out and another instance picks it up.
 * `attempts` counts claims, so a try that crashed mid-send still counts. The pick is a MATERIALIZED CTE so
 * the LIMIT holds (sweep/claim-due.ts, leaseDueEndings, says why `IN (subquery)` did not).
 */
export async function claimNotifications(db: Db, now: Date, leaseUntil: Date, limit: number): Promise<string[]> {
  const rows = await db.$queryRaw<{ id: string }[]>`
    WITH due AS MATERIALIZED (
      SELECT id FROM "Notification" WHERE status = 'pending' AND ("nextAttemptAt" IS NULL OR "nextAttemptAt" <= ${now})
       ORDER BY "nextAttemptAt" NULLS FIRST, "createdAt" LIMIT ${limit} FOR UPDATE SKIP LOCKED)
    UPDATE "Notification" n SET "nextAttemptAt" = ${leaseUntil}, attempts = n.attempts + 1
      FROM due
     WHERE n.id = due.id
    RETURNING n.id`;
  return rows.map((r) => r.id);
}
