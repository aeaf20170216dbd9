import type { Tx } from '@/lib/db/client';
import { AppError } from '@/lib/errors';
import { isUuid } from '@/lib/domain/ids';


/** A resource about to change, locked for the transaction so two admins' edits apply one after the other. */
export async function loadResourceForUpdate(tx: Tx, resourceId: string) {
  if (isUuid(resourceId)) {
    const locked = await tx.$queryRaw<{ id: string }[]>`SELECT id FROM "Resource" WHERE id = ${resourceId}::uuid FOR UPDATE`;
    if (locked.length) return tx.resource.findUniqueOrThrow({ where: { id: resourceId } });
  }
  throw new AppError('not_found', 'No such resource.');
}

/** An entitlement (with its policy and resource) about to change, locked likewise. */
export async function loadEntitlementForUpdate(tx: Tx, entitlementId: string) {
  if (isUuid(entitlementId)) {
    const locked = await tx.$queryRaw<{ id: string }[]>`SELECT id FROM "Entitlement" WHERE id = ${entitlementId}::uuid FOR UPDATE`;
    if (locked.length) return tx.entitlement.findUniqueOrThrow({ where: { id: entitlementId }, include: { policy: true, resource: true } });
  }
  throw new AppError('not_found', 'No such role.');
}

export function refuseArchived(row: { archivedAt: Date | null }, what: string): void {
  if (row.archivedAt) throw new AppError('conflict', `This ${what} is archived and can no longer be changed.`);
}
