import type { Tx } from '@/lib/db/client';

/**
 * Locks one row for the rest of the transaction, so concurrent deciders of the same request
 * (two approvers clicking at once) run one after the other and the second sees the first's result.
 */
export async function lockRequestRow(tx: Tx, requestId: string): Promise<boolean> {
  const rows = await tx.$queryRaw<{ id: string }[]>`SELECT id FROM "AccessRequest" WHERE id = ${requestId}::uuid FOR UPDATE`;
  return rows.length > 0;
}

export async function lockGrantRow(tx: Tx, grantId: string): Promise<boolean> {
  const rows = await tx.$queryRaw<{ id: string }[]>`SELECT id FROM "Grant" WHERE id = ${grantId}::uuid FOR UPDATE`;
  return rows.length > 0;
}

/** Serialises requests by one user for one entitlement (no duplicate pending requests or grants). */
export async function lockUserEntitlement(tx: Tx, userId: string, entitlementId: string): Promise<void> {
  await tx.$queryRaw`SELECT pg_advisory_xact_lock(hashtext(${userId} || ':' || ${entitlementId}))::text AS locked`;
}

/** Offboarding holds this for its transaction; creating a request or grant for the user takes a share lock and waits. */
export async function lockUserRow(tx: Tx, userId: string): Promise<boolean> {
  const rows = await tx.$queryRaw<{ id: string }[]>`SELECT id FROM "User" WHERE id = ${userId}::uuid FOR UPDATE`;
  return rows.length > 0;
}

/** True while the user is enabled; waits for a concurrent offboarding of the user to commit first. */
export async function shareLockEnabledUser(tx: Tx, userId: string): Promise<boolean> {
  const rows = await tx.$queryRaw<{ id: string }[]>`SELECT id FROM "User" WHERE id = ${userId}::uuid AND "disabledAt" IS NULL FOR SHARE`;
  return rows.length > 0;
}
