import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '@/lib/testing/test-db';
import { testTarget } from '@/lib/testing/test-target';

let database: TestDatabase;
beforeAll(async () => {
  database = await createTestDatabase('demo');
});
afterAll(async () => {
  await database?.close();
});

// On PostgreSQL Prisma's queries run as named statements (statement-names.ts): prepared once per connection,
// planned once, then only bound and run. PGlite runs in-process and has no such cost to save.
describe.runIf(testTarget().kind === 'postgres')('statements on PostgreSQL', () => {
  it('are prepared on the connection and reused, with the same answers', async () => {
    const prepared = await database.db.$transaction(async (tx) => {
      const counts = [await tx.user.count(), await tx.user.count()];
      const rows = await tx.$queryRaw<{ name: string }[]>`SELECT name FROM pg_prepared_statements WHERE name LIKE 'tbx\\_%'`;
      return { counts, names: rows.map((r) => r.name) };
    });
    expect(prepared.counts[0]).toBeGreaterThan(0);
    expect(prepared.counts[1]).toBe(prepared.counts[0]);
    expect(prepared.names.length).toBeGreaterThan(0);
    expect(new Set(prepared.names).size).toBe(prepared.names.length);
  });
});
