import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { manualClock, minutes } from '@/lib/domain/clock';
import { givenBulkGrants } from '@/lib/testing/bulk-grants';
import { createTestDatabase, type TestDatabase } from '@/lib/testing/test-db';
import { claimNotifications } from '../notify/claim';
import { leaseDueEndings } from './claim-due';

// The claims that lease rows in one UPDATE must take at most `limit` rows whatever plan the database
// picks. On a fresh table (no statistics yet) PostgreSQL chose a nested loop that rescanned
// `id IN (SELECT … LIMIT … FOR UPDATE SKIP LOCKED)` once per row, and a "batch of 200" leased all 450.
let database: TestDatabase;
const clock = manualClock(new Date());

beforeAll(async () => {
  database = await createTestDatabase('demo');
});
afterAll(async () => {
  await database?.close();
});

describe('claims that lease rows in one statement', () => {
  it('lease at most `limit` revoking grants, and only those', async () => {
    const { db } = database;
    const now = clock.now();
    await givenBulkGrants(db, { role: 'editor', resource: 'feature-flags', count: 450, label: 'claim bound', status: 'revoking', endReason: 'expired', startsAt: now, activatedAt: now, expiresAt: now });
    const lease = new Date(now.getTime() + minutes(1));

    const first = await leaseDueEndings(db, now, lease, 200);
    expect(first).toHaveLength(200);
    expect(await db.grant.count({ where: { status: 'revoking', nextAttemptAt: lease } })).toBe(200);
    const second = await leaseDueEndings(db, now, lease, 200);
    expect(second).toHaveLength(200);
    expect(new Set([...first, ...second]).size).toBe(400);
    expect(await leaseDueEndings(db, now, lease, 200)).toHaveLength(50);
  });

  it('claim at most `limit` due notifications, and count one attempt on each', async () => {
    const { db } = database;
    await db.notification.createMany({ data: Array.from({ length: 450 }, (_, i) => ({ kind: 'claim-bound', channel: 'webhook', data: { i } })) });
    const now = clock.now();
    const lease = new Date(now.getTime() + minutes(1));

    expect(await claimNotifications(db, now, lease, 200)).toHaveLength(200);
    expect(await db.notification.count({ where: { kind: 'claim-bound', attempts: 1, nextAttemptAt: lease } })).toBe(200);
    expect(await db.notification.count({ where: { kind: 'claim-bound', attempts: 0 } })).toBe(250);
  });
});
