import type { GrantTarget } from '@/lib/connectors/types';
import type { Db } from '@/lib/db/client';
import type { Prisma } from '@/lib/db/generated/client';

const asRecord = (v: unknown): Record<string, unknown> => (v && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : {});

const targetInclude = { user: { select: { id: true, email: true } }, entitlement: { include: { resource: true } } } satisfies Prisma.GrantInclude;

function toTarget(g: Prisma.GrantGetPayload<{ include: typeof targetInclude }>): GrantTarget {
  const r = g.entitlement.resource;
  return {
    grantId: g.id,
    user: g.user,
    resource: { id: r.id, slug: r.slug, kind: r.kind, settings: asRecord(r.settings) },
    entitlement: { id: g.entitlement.id, role: g.entitlement.role, settings: asRecord(g.entitlement.settings) },
    startsAt: g.startsAt,
    expiresAt: g.expiresAt,
    targetState: asRecord(g.targetState),
  };
}

/** Everything a connector needs to know about one grant. */
export async function loadGrantTarget(db: Db, grantId: string): Promise<GrantTarget | null> {
  const g = await db.grant.findUnique({ where: { id: grantId }, include: targetInclude });
  return g ? toTarget(g) : null;
}

/** The same for a batch of grants, in one read; a grant that does not exist is absent from the map. */
export async function loadGrantTargets(db: Db, grantIds: readonly string[]): Promise<Map<string, GrantTarget>> {
  const rows = await db.grant.findMany({ where: { id: { in: [...grantIds] } }, include: targetInclude });
  return new Map(rows.map((g) => [g.id, toTarget(g)]));
}
