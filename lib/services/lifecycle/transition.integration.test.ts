import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { grantStatuses, grantTransitions, requestStatuses, requestTransitions, type GrantStatus, type RequestStatus } from '@/lib/domain/grant-status';
import { actorContext } from '@/lib/testing/actors';
import { createTestDatabase, type TestDatabase } from '@/lib/testing/test-db';
import { IllegalTransitionError, transitionGrant, transitionRequest } from './transition';

// Walks both tables against a real database: every allowed move happens with its audit event;
// every other move is refused before anything is written.
let database: TestDatabase;
let ids: { userId: string; entitlementId: string };

beforeAll(async () => {
  database = await createTestDatabase('demo');
  const user = await database.db.user.findUniqueOrThrow({ where: { email: 'alice@example.com' } });
  const entitlement = await database.db.entitlement.findFirstOrThrow({ where: { role: 'editor', resource: { slug: 'feature-flags' } } });
  ids = { userId: user.id, entitlementId: entitlement.id };
});
afterAll(async () => database?.close());

async function requestIn(status: RequestStatus) {
  return database.db.accessRequest.create({ data: { requesterId: ids.userId, entitlementId: ids.entitlementId, durationMinutes: 5, justification: 'table walk', status, expiresAt: new Date(Date.now() + 60_000) } });
}

async function grantIn(status: GrantStatus) {
  const request = await requestIn('approved');
  const now = new Date();
  return database.db.grant.create({ data: { requestId: request.id, userId: ids.userId, entitlementId: ids.entitlementId, status, startsAt: now, expiresAt: new Date(now.getTime() + 60_000) } });
}

const events = (where: { grantId?: string; requestId?: string }) => database.db.auditEvent.findMany({ where, select: { action: true, statusFrom: true, statusTo: true } });

describe('grant transitions', () => {
  const pairs = grantStatuses.flatMap((from) => grantStatuses.map((to) => [from, to, grantTransitions[from].includes(to)] as const));

  it.each(pairs)('%s → %s (allowed: %s)', async (from, to, allowed) => {
    const grant = await grantIn(from);
    const ctx = await actorContext(database.db, 'alice@example.com');
    const move = () => database.db.$transaction((tx) => transitionGrant(tx, grant.id, { from, to, by: ctx, action: 'grant.failed', data: () => ({ reason: 'table walk' }) }));
    if (allowed) {
      expect(await move()).toMatchObject({ id: grant.id, status: to });
      expect(await events({ grantId: grant.id })).toEqual([{ action: 'grant.failed', statusFrom: from, statusTo: to }]);
    } else {
      await expect(move()).rejects.toBeInstanceOf(IllegalTransitionError);
      expect(await events({ grantId: grant.id })).toEqual([]);
    }
    const row = await database.db.grant.findUniqueOrThrow({ where: { id: grant.id } });
    expect(row.status).toBe(allowed ? to : from);
  });

  it('moves nothing, and writes nothing, when the row is no longer in the expected status', async () => {
    const grant = await grantIn('revoking');
    const ctx = await actorContext(database.db, 'alice@example.com');
    const moved = await database.db.$transaction((tx) => transitionGrant(tx, grant.id, { from: 'active', to: 'revoking', by: ctx, action: 'grant.revoke_requested', data: () => ({ reason: null }) }));
    expect(moved).toBeNull();
    expect(await events({ grantId: grant.id })).toEqual([]);
  });
});

describe('request transitions', () => {
  const pairs = requestStatuses.flatMap((from) => requestStatuses.map((to) => [from, to, requestTransitions[from].includes(to)] as const));

  it.each(pairs)('%s → %s (allowed: %s)', async (from, to, allowed) => {
    const request = await requestIn(from);
    const ctx = await actorContext(database.db, 'alice@example.com');
    const move = () => database.db.$transaction((tx) => transitionRequest(tx, request.id, { from, to, by: ctx, action: 'request.cancelled', data: () => ({ comment: null }) }));
    if (allowed) {
      expect(await move()).toMatchObject({ id: request.id, status: to });
      expect(await events({ requestId: request.id })).toEqual([{ action: 'request.cancelled', statusFrom: from, statusTo: to }]);
    } else {
      await expect(move()).rejects.toBeInstanceOf(IllegalTransitionError);
      expect(await events({ requestId: request.id })).toEqual([]);
    }
    expect((await database.db.accessRequest.findUniqueOrThrow({ where: { id: request.id } })).status).toBe(allowed ? to : from);
  });
});
