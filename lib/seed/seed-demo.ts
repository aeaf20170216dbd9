import { appendAudit } from '@/lib/audit/append';
import type { Db } from '@/lib/db/client';
import { demoGroups, demoResources, demoUsers } from './demo-data';

// One bulk write of some sixty rows: on a slow or busy machine it can outlast Prisma's 5 s default transaction
// timeout, and then the whole seed fails (seen in the test tier on a loaded machine).
const seedTransaction = { timeout: 60_000 };

export interface SeedResult {
  created: string[];
}

/**
 * Adds whatever part of the demo organisation is missing, in one transaction with one audit event.
 * Existing rows are never changed, so a second run (or a run after admins edited things) changes nothing.
 */
export async function seedDemo(db: Db): Promise<SeedResult> {
  return db.$transaction(async (tx) => {
    const created: string[] = [];

    for (const group of demoGroups) {
      if (await tx.group.findUnique({ where: { name: group.name } })) continue;
      await tx.group.create({ data: { ...group, source: 'local' } });
      created.push(`group:${group.name}`);
    }
    const groupIds = new Map((await tx.group.findMany()).map((g) => [g.name, g.id]));

    for (const user of demoUsers) {
      if (await tx.user.findUnique({ where: { email: user.email } })) continue;
      const row = await tx.user.create({ data: { email: user.email, name: user.name, role: user.role, source: 'seed' } });
      await tx.groupMembership.createMany({ data: user.groups.map((name) => ({ userId: row.id, groupId: groupIds.get(name)! })) });
      created.push(`user:${user.email}`);
    }

    for (const { entitlements, ...resource } of demoResources) {
      let row = await tx.resource.findUnique({ where: { slug: resource.slug } });
      if (!row) {
        row = await tx.resource.create({ data: resource });
        created.push(`resource:${row.slug}`);
      }
      for (const { policy, ...entitlement } of entitlements) {
        const existing = await tx.entitlement.findUnique({ where: { resourceId_role: { resourceId: row.id, role: entitlement.role } } });
        if (existing) continue;
        await tx.entitlement.create({ data: { ...entitlement, resourceId: row.id, policy: { create: policy } } });
        created.push(`entitlement:${row.slug}/${entitlement.role}`);
      }
    }

    if (created.length > 0) {
      await appendAudit(tx, { actorLabel: 'system:seed', action: 'seed.applied', data: { created } });
    }
    return { created };
  }, seedTransaction);
}
