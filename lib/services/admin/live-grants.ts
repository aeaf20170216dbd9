import type { Tx } from '@/lib/db/client';
import { liveGrantStatuses } from '@/lib/domain/grant-status';

/** Live grants per entitlement (scheduled, active or being revoked). */
export async function liveGrantCounts(tx: Tx, entitlementIds: readonly string[]): Promise<Map<string, number>> {
  if (entitlementIds.length === 0) return new Map();
  const rows = await tx.grant.groupBy({
    by: ['entitlementId'],
    where: { entitlementId: { in: [...entitlementIds] }, status: { in: [...liveGrantStatuses] } },
    _count: { _all: true },
  });
  return new Map(rows.map((r) => [r.entitlementId, r._count._all]));
}

/**
 * Locks the entitlements about to be archived. Creating a grant takes a key-share lock on its
 * entitlement row (the foreign key), so a grant being written right now either committed before
 * this lock (and is counted) or waits until the archive has committed.
 */
export async function lockEntitlements(tx: Tx, where: { resourceId: string } | { entitlementId: string }): Promise<void> {
  if ('resourceId' in where) {
    await tx.$queryRaw`SELECT id FROM "Entitlement" WHERE "resourceId" = ${where.resourceId}::uuid FOR UPDATE`;
  } else {
    await tx.$queryRaw`SELECT id FROM "Entitlement" WHERE id = ${where.entitlementId}::uuid FOR UPDATE`;
  }
}

export const grantsPhrase = (n: number) => (n === 1 ? '1 live grant' : `${n} live grants`);
