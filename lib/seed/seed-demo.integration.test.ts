import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '@/lib/testing/test-db';
import { seedDemo } from './seed-demo';

let database: TestDatabase;
beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(async () => database?.close());

async function snapshot() {
  const { db } = database;
  return {
    users: await db.user.findMany({ orderBy: { email: 'asc' }, include: { memberships: { include: { group: true } } } }),
    groups: await db.group.count(),
    resources: await db.resource.count(),
    entitlements: await db.entitlement.count(),
    policies: await db.policy.count(),
    audit: await db.auditEvent.count(),
  };
}

describe('seedDemo', () => {
  it('creates the demo organisation with its groups and roles', async () => {
    const { created } = await seedDemo(database.db);
    expect(created).toContain('user:alice@example.com');
    const { users } = await snapshot();
    const byEmail = Object.fromEntries(users.map((u) => [u.email, { role: u.role, groups: u.memberships.map((m) => m.group.name).sort() }]));
    expect(byEmail).toEqual({
      'alice@example.com': { role: 'member', groups: ['engineering'] },
      'bob@example.com': { role: 'member', groups: ['engineering', 'sre-leads'] },
      'carol@example.com': { role: 'admin', groups: [] },
      'dave@example.com': { role: 'auditor', groups: [] },
      'erin@example.com': { role: 'member', groups: ['engineering'] },
      'frank@example.com': { role: 'member', groups: ['engineering', 'sre-leads'] },
    });
    const audit = await database.db.auditEvent.findMany({ where: { action: 'seed.applied' } });
    expect(audit).toHaveLength(1);
  });

  it('changes nothing when run again', async () => {
    const before = await snapshot();
    const { created } = await seedDemo(database.db);
    expect(created).toEqual([]);
    expect(await snapshot()).toEqual(before);
  });

  it('leaves what admins changed alone', async () => {
    await database.db.user.update({ where: { email: 'erin@example.com' }, data: { name: 'Erin E.' } });
    await seedDemo(database.db);
    expect((await database.db.user.findUniqueOrThrow({ where: { email: 'erin@example.com' } })).name).toBe('Erin E.');
  });
});
