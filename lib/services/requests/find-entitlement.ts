import type { Tx } from '@/lib/db/client';
import { AppError } from '@/lib/errors';

/** A live entitlement by resource slug and role name, with its policy and resource. */
export async function findEntitlement(tx: Tx, resource: string, role: string) {
  const entitlement = await tx.entitlement.findFirst({
    where: { role, archivedAt: null, resource: { slug: resource, archivedAt: null } },
    include: { policy: true, resource: true },
  });
  if (!entitlement) throw new AppError('not_found', `There is no role "${role}" on resource "${resource}".`);
  return entitlement;
}
