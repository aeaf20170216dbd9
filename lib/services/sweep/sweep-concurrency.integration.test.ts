import crypto from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { defaultConnectors } from '@/lib/connectors/registry';
import { connectDatabase, type Database } from '@/lib/db/client';
import { manualClock, minutes } from '@/lib/domain/clock';
import { requestAccessInput } from '@/lib/domain/request-input';
import { actorContext } from '@/lib/testing/actors';
import { createTestDatabase, type TestDatabase } from '@/lib/testing/test-db';
import type { ServiceDeps } from '../deps';
import { decideRequest } from '../requests/decide-request';
import { requestAccess } from '../requests/request-access';
import { sweep } from './sweep';

// Two app instances = two independent connection pools on the same PostgreSQL database.
// (On PGlite there is one in-process database, so both "instances" share it; the test still must pass.)
let database: TestDatabase;
let second: Database | undefined;
let instanceA: ServiceDeps;
let instanceB: ServiceDeps;
const clock = manualClock(new Date());

beforeAll(async () => {
  database = await createTestDatabase('demo');
  second = database.url ? await connectDatabase({ kind: 'postgres', url: database.url }) : undefined;
  instanceA = { db: database.db, clock, connectors: defaultConnectors() };
  instanceB = { db: second?.db ?? database.db, clock, connectors: defaultConnectors() };
});
afterAll(async () => {
  await second?.close();
  await database?.close();
});

describe('concurrent sweeps', () => {
  it('end each of 500 due grants exactly once', async () => {
    const { db } = database;
    const entitlement = await db.entitlement.findFirstOrThrow({ where: { role: 'editor', resource: { slug: 'feature-flags' } } });
    const users = await db.user.findMany({ where: { source: 'seed' } });
    const now = clock.now();
    const requests = Array.from({ length: 500 }, (_, i) => ({
      id: crypto.randomUUID(),
      requesterId: users[i % users.length]!.id,
      entitlementId: entitlement.id,
      durationMinutes: 5,
      justification: `bulk ${i}`,
      status: 'approved' as const,
      decidedAt: now,
      expiresAt: now,
    }));
    await db.accessRequest.createMany({ data: requests });
    await db.grant.createMany({
      data: requests.map((r) => ({ requestId: r.id, userId: r.requesterId, entitlementId: entitlement.id, status: 'active' as const, startsAt: now, activatedAt: now, expiresAt: new Date(now.getTime() + minutes(5)) })),
    });
    clock.advance(minutes(5));

    const [a, b] = await Promise.all([sweep(instanceA), sweep(instanceB)]);
    expect(a.grantsEnding + b.grantsEnding).toBe(500);
    expect(a.grantsEnded + b.grantsEnded).toBe(500);

    const statuses = await db.grant.groupBy({ by: ['status'], where: { requestId: { in: requests.map((r) => r.id) } }, _count: true });
    expect(statuses).toEqual([{ status: 'expired', _count: 500 }]);
    for (const action of ['grant.ending', 'grant.expired']) {
      const perGrant = await db.auditEvent.groupBy({ by: ['grantId'], where: { action, requestId: { in: requests.map((r) => r.id) } }, _count: true });
      expect(perGrant).toHaveLength(500);
      expect(perGrant.every((g) => g._count === 1)).toBe(true);
    }
  });
});

describe('racing approvals', () => {
  it('two approvers clicking at once produce one grant', async () => {
    for (let round = 0; round < 5; round++) {
      const request = await requestAccess(instanceA, await actorContext(database.db, 'alice@example.com'), requestAccessInput.parse({ resource: 'status-page', role: 'editor', durationMinutes: 5, justification: 'race for the test', ticket: `RACE-${round}` }));
      const results = await Promise.allSettled([
        decideRequest(instanceA, await actorContext(database.db, 'bob@example.com'), { requestId: request.id, decision: 'approve' }),
        decideRequest(instanceB, await actorContext(database.db, 'frank@example.com'), { requestId: request.id, decision: 'approve' }),
      ]);
      expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
      const rejected = results.find((r) => r.status === 'rejected') as PromiseRejectedResult;
      expect(rejected.reason).toMatchObject({ code: 'conflict' });
      expect(await database.db.grant.count({ where: { requestId: request.id } })).toBe(1);
      expect(await database.db.review.count({ where: { requestId: request.id } })).toBe(1);
      await database.db.grant.updateMany({ where: { requestId: request.id }, data: { status: 'revoked' } });
    }
  });
});
