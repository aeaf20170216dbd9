import type { Tx } from '@/lib/db/client';
import { utcTimestamp } from '../metrics/sql-time';

/**
 * Claims up to `limit` due rows for this transaction. SKIP LOCKED lets several instances sweep at
 * once, each taking different rows; the conditional updates that follow make a repeat harmless.
 */
export async function claimDueRequests(tx: Tx, now: Date, limit: number): Promise<string[]> {
  const rows = await tx.$queryRaw<{ id: string }[]>`
    SELECT id FROM "AccessRequest" WHERE status = 'pending' AND "expiresAt" <= ${now}
    ORDER BY "expiresAt" LIMIT ${limit} FOR UPDATE SKIP LOCKED`;
  return rows.map((r) => r.id);
}

export async function claimGrantsToEnd(tx: Tx, now: Date, limit: number): Promise<string[]> {
  const rows = await tx.$queryRaw<{ id: string }[]>`
    SELECT id FROM "Grant" WHERE status = 'active' AND "expiresAt" <= ${now}
    ORDER BY "expiresAt" LIMIT ${limit} FOR UPDATE SKIP LOCKED`;
  return rows.map((r) => r.id);
}

/** Scheduled grants whose start has come (read-only: activateGrant claims each). */
export async function dueToStart(tx: Tx, now: Date, limit: number): Promise<string[]> {
  const rows = await tx.grant.findMany({ where: { status: 'scheduled', startsAt: { lte: now } }, select: { id: true }, orderBy: { startsAt: 'asc' }, take: limit });
  return rows.map((r) => r.id);
}

/**
 * Takes the revocation lease (nextAttemptAt = leaseUntil) of up to `limit` revoking grants whose next try
 * is due, in one statement. SKIP LOCKED: a sweep running beside this one takes other grants rather than
 * wait for these; a grant whose lease another sweep took in the meantime is no longer due and not taken.
 * The pick is a MATERIALIZED CTE, run once: as `id IN (SELECT … LIMIT … FOR UPDATE SKIP LOCKED)` the planner
 * may rescan the subquery for every row (a nested loop, as on a table without statistics yet), each rescan
 * skips the rows this statement already updated and locks the next ones, and the LIMIT bounds nothing:
 * a "batch of 200" took all 450 due grants.
 */
export async function leaseDueEndings(tx: Tx, now: Date, leaseUntil: Date, limit: number): Promise<string[]> {
  const rows = await tx.$queryRaw<{ id: string }[]>`
    WITH due AS MATERIALIZED (
      SELECT id FROM "Grant" WHERE status = 'revoking' AND ("nextAttemptAt" IS NULL OR "nextAttemptAt" <= ${utcTimestamp(now)})
       ORDER BY "nextAttemptAt" NULLS FIRST LIMIT ${limit} FOR UPDATE SKIP LOCKED)
    UPDATE "Grant" g SET "nextAttemptAt" = ${utcTimestamp(leaseUntil)}, "updatedAt" = ${utcTimestamp(new Date())}
      FROM due
     WHERE g.id = due.id AND g.status = 'revoking' AND (g."nextAttemptAt" IS NULL OR g."nextAttemptAt" <= ${utcTimestamp(now)})
    RETURNING g.id`;
  return rows.map((r) => r.id);
}

/** Provisioning grants whose lease lapsed: the process that claimed them died mid-call (read-only: resumeProvisioning claims). */
export async function dueToResumeProvisioning(tx: Tx, now: Date, limit: number): Promise<string[]> {
  const rows = await tx.grant.findMany({
    where: { status: 'provisioning', OR: [{ nextAttemptAt: null }, { nextAttemptAt: { lte: now } }] },
    select: { id: true },
    orderBy: { nextAttemptAt: 'asc' },
    take: limit,
  });
  return rows.map((r) => r.id);
}
