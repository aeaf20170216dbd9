import type { GrantTarget } from '@/lib/connectors/types';
import type { Db } from '@/lib/db/client';

const asRecord = (v: unknown): Record<string, unknown> => (v && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : {});

/** Everything a connector needs to know about one grant. */
export async function loadGrantTarget(db: Db, grantId: string): Promise<GrantTarget | null> {
  const g = await db.grant.findUnique({
    where: { id: grantId },
    include: { user: { select: { id: true, email: true } }, entitlement: { include: { resource: true } } },
  });
  if (!g) return null;
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
