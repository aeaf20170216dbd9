import type { Tx } from '@/lib/db/client';

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

/** Scheduled grants whose start has come, and revoking grants whose next try is due (read-only: their steps claim). */
export async function dueToStart(tx: Tx, now: Date, limit: number): Promise<string[]> {
  const rows = await tx.grant.findMany({ where: { status: 'scheduled', startsAt: { lte: now } }, select: { id: true }, orderBy: { startsAt: 'asc' }, take: limit });
  return rows.map((r) => r.id);
}

export async function dueForDeprovision(tx: Tx, now: Date, limit: number): Promise<string[]> {
  const rows = await tx.grant.findMany({
    where: { status: 'revoking', OR: [{ nextAttemptAt: null }, { nextAttemptAt: { lte: now } }] },
    select: { id: true },
    orderBy: { nextAttemptAt: 'asc' },
    take: limit,
  });
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
