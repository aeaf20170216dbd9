import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '@/lib/testing/test-db';
import { appendAudit } from './append';
import { rawAuditEvent } from '@/lib/testing/raw-audit-event';
import { queryAudit } from './query';
import { sealPendingEvents } from './seal';
import { seedAuditVolume } from './seed-volume';
import { verifyChain } from './verify';

// The volume seeder writes events already chained; they must verify exactly like sealed ones, and
// continue a chain that the app's own sealer started (and keeps extending) rather than fork it.

let database: TestDatabase;
beforeAll(async () => {
  database = await createTestDatabase('demo');
});
afterAll(async () => database?.close());

describe('seedAuditVolume', () => {
  it('writes realistic, correctly chained events that continue the existing chain', async () => {
    const { db } = database;
    await sealPendingEvents(db); // the demo seed's own events
    const before = await db.auditEvent.count();
    const first = await seedAuditVolume(db, { events: 1800, batchSize: 500, days: 30 });
    expect(first.inserted).toBe(1800);
    expect(first.head?.chainIndex).toBe(BigInt(before + 1800));

    // The app keeps writing between two seeding runs; its events get sealed after the seeded ones.
    await db.$transaction((tx) => appendAudit(tx, rawAuditEvent({ actorLabel: 'system:test', action: 'test.between' })));
    await seedAuditVolume(db, { events: 700, batchSize: 300, days: 30, seed: 7 });
    expect(await verifyChain(db)).toMatchObject({ ok: true, checked: before + 1800 + 1 + 700, unsealed: 0 });

    // Whole lifecycles, searchable like real ones.
    const actions = await db.auditEvent.groupBy({ by: ['action'], _count: true });
    const names = actions.map((a) => a.action);
    for (const action of ['request.created', 'grant.activated', 'activity.reported']) expect(names).toContain(action);
    expect(names.some((a) => a === 'grant.expired' || a === 'grant.revoked')).toBe(true);
    const searched = await queryAudit(db, { q: 'replication' }, { limit: 5 });
    expect(searched.items.length).toBeGreaterThan(0);
    expect(searched.items[0]!.data.justification).toMatch(/replication/i);
  });
});
