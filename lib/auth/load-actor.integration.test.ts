import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '@/lib/testing/test-db';
import { loadActor } from './load-actor';

let database: TestDatabase;
beforeAll(async () => {
  database = await createTestDatabase('demo');
});
afterAll(async () => database?.close());

const actorFor = async (email: string) => {
  const user = await database.db.user.findUniqueOrThrow({ where: { email } });
  return loadActor(database.db, user.id);
};

describe('loadActor', () => {
  it.each([
    ['alice@example.com', 'member', false],
    ['erin@example.com', 'member', false],
    ['bob@example.com', 'member', true],
    ['frank@example.com', 'member', true],
    ['carol@example.com', 'admin', false],
    ['dave@example.com', 'auditor', false],
  ])('%s is %s, approver: %s', async (email, role, isApprover) => {
    expect(await actorFor(email)).toMatchObject({ email, role, isApprover });
  });

  it('stops counting a group as approver once the policies it approves are archived', async () => {
    const where = { policy: { approverGroups: { has: 'sre-leads' } } };
    const ids = (await database.db.entitlement.findMany({ where, select: { id: true } })).map((e) => e.id);
    expect(ids.length).toBeGreaterThan(0);
    await database.db.entitlement.updateMany({ where: { id: { in: ids } }, data: { archivedAt: new Date() } });
    expect(await actorFor('bob@example.com')).toMatchObject({ isApprover: false });
    await database.db.entitlement.updateMany({ where: { id: { in: ids } }, data: { archivedAt: null } });
    expect(await actorFor('bob@example.com')).toMatchObject({ isApprover: true });
  });

  it('finds nobody for a disabled or unknown user', async () => {
    const erin = await database.db.user.update({ where: { email: 'erin@example.com' }, data: { disabledAt: new Date() } });
    expect(await loadActor(database.db, erin.id)).toBeNull();
    expect(await loadActor(database.db, '00000000-0000-4000-8000-000000000000')).toBeNull();
  });
});
