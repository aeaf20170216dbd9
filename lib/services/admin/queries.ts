import type { Prisma } from '@/lib/db/generated/client';
import type { ActorContext } from '@/lib/domain/context';
import { AppError } from '@/lib/errors';
import type { ServiceDeps } from '../deps';
import { entitlementView, policyView, resourceView, type AdminEntitlementView, type AdminResourceView } from './admin-views';
import { liveGrantCounts } from './live-grants';
import { policyWarnings } from './policy-warnings';
import { authorize } from '@/lib/services/authorize';
import { isUuid } from '@/lib/domain/ids';

// Live roles first, then archived ones, each by name.
const withEntitlements = {
  entitlements: { include: { policy: true }, orderBy: [{ archivedAt: { sort: 'desc', nulls: 'first' } }, { role: 'asc' }] },
} satisfies Prisma.ResourceInclude;

// A malformed id would make PostgreSQL throw on the uuid cast: it simply finds nothing.

/** Every resource with its roles, policies and live-grant counts; archived ones last. */
export async function listResources(deps: ServiceDeps, ctx: ActorContext, input: { includeArchived?: boolean } = {}): Promise<AdminResourceView[]> {
  authorize(ctx, 'portal.admin');
  const rows = await deps.db.resource.findMany({
    where: input.includeArchived ? {} : { archivedAt: null },
    include: withEntitlements,
    orderBy: [{ archivedAt: { sort: 'desc', nulls: 'first' } }, { name: 'asc' }],
  });
  const live = await liveGrantCounts(deps.db, rows.flatMap((r) => r.entitlements.map((e) => e.id)));
  return rows.map((r) => resourceView(r, live));
}

export async function getResource(deps: ServiceDeps, ctx: ActorContext, input: { resourceId: string }): Promise<AdminResourceView> {
  authorize(ctx, 'portal.admin');
  const row = isUuid(input.resourceId) ? await deps.db.resource.findUnique({ where: { id: input.resourceId }, include: withEntitlements }) : null;
  if (!row) throw new AppError('not_found', 'No such resource.');
  return resourceView(row, await liveGrantCounts(deps.db, row.entitlements.map((e) => e.id)));
}

export interface EntitlementDetail {
  resource: Pick<AdminResourceView, 'id' | 'slug' | 'name' | 'kind' | 'archivedAt'>;
  entitlement: AdminEntitlementView;
  /** What may not work as meant in the current policy (empty groups, too few approvers…). */
  warnings: string[];
}

export async function getEntitlement(deps: ServiceDeps, ctx: ActorContext, input: { entitlementId: string }): Promise<EntitlementDetail> {
  authorize(ctx, 'portal.admin');
  const row = isUuid(input.entitlementId) ? await deps.db.entitlement.findUnique({ where: { id: input.entitlementId }, include: { policy: true, resource: true } }) : null;
  if (!row) throw new AppError('not_found', 'No such role.');
  const live = await liveGrantCounts(deps.db, [row.id]);
  const { resource } = row;
  return {
    resource: { id: resource.id, slug: resource.slug, name: resource.name, kind: resource.kind, archivedAt: resource.archivedAt?.toISOString() ?? null },
    entitlement: entitlementView(row, live.get(row.id) ?? 0),
    warnings: row.policy ? await policyWarnings(deps.db, policyView(row.policy)) : ['This role has no policy yet, so nobody can request it.'],
  };
}
