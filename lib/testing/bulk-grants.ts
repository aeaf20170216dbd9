import crypto from 'node:crypto';
import type { Db } from '@/lib/db/client';
import type { GrantStatus } from '@/lib/db/generated/enums';

export interface BulkGrants {
  /** What the grants are of: an entitlement's role on a resource, by the resource's slug. */
  role: string;
  resource: string;
  count: number;
  /** Each grant's request justification starts with this (so a test can tell its rows apart). */
  label: string;
  status: GrantStatus;
  startsAt: Date;
  expiresAt: Date;
  activatedAt?: Date;
  endReason?: string;
}

/**
 * `count` grants of one entitlement written straight into the database (each with its approved request),
 * spread over the seeded users: the shape the sweep tests need in bulk, without going through approvals
 * one by one (those are tested elsewhere). Returns the grants' ids, in order.
 */
export async function givenBulkGrants(db: Db, spec: BulkGrants): Promise<string[]> {
  const entitlement = await db.entitlement.findFirstOrThrow({ where: { role: spec.role, resource: { slug: spec.resource } } });
  const users = await db.user.findMany({ where: { source: 'seed' } });
  const requests = Array.from({ length: spec.count }, (_, i) => ({
    id: crypto.randomUUID(),
    requesterId: users[i % users.length]!.id,
    entitlementId: entitlement.id,
    durationMinutes: Math.max(1, Math.round((spec.expiresAt.getTime() - spec.startsAt.getTime()) / 60_000)),
    justification: `${spec.label} ${i}`,
    status: 'approved' as const,
    decidedAt: spec.startsAt,
    expiresAt: spec.startsAt,
  }));
  await db.accessRequest.createMany({ data: requests });
  const grants = requests.map((r) => ({
    id: crypto.randomUUID(),
    requestId: r.id,
    userId: r.requesterId,
    entitlementId: entitlement.id,
    status: spec.status,
    startsAt: spec.startsAt,
    expiresAt: spec.expiresAt,
    activatedAt: spec.activatedAt ?? null,
    endReason: spec.endReason ?? null,
  }));
  await db.grant.createMany({ data: grants });
  return grants.map((g) => g.id);
}
