import crypto from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { defaultConnectors } from '@/lib/connectors/registry';
import { manualClock } from '@/lib/domain/clock';
import { actorContext } from '@/lib/testing/actors';
import { expectAppError } from '@/lib/testing/expect-app-error';
import { createTestDatabase, type TestDatabase } from '@/lib/testing/test-db';
import type { ServiceDeps } from '../deps';
import { decideRequest } from './decide-request';
import { listInboxPage } from './queries';

// The approver's queue in pages (keyset on createdAt, id): every pending request shows exactly once
// across the pages, in order, even where several share a millisecond and when one is decided between
// two page loads.

let database: TestDatabase;
let deps: ServiceDeps;
const clock = manualClock(new Date());
/** The fixture's requests in queue order (createdAt, then id). */
let queue: string[];

beforeAll(async () => {
  database = await createTestDatabase('demo');
  deps = { db: database.db, clock, connectors: defaultConnectors() };
  const { db } = database;
  const engineering = await db.group.findUniqueOrThrow({ where: { name: 'engineering' } });
  const entitlement = await db.entitlement.findFirstOrThrow({ where: { role: 'editor', resource: { slug: 'feature-flags' } } });
  const people = Array.from({ length: 7 }, (_, i) => ({ id: crypto.randomUUID(), email: `pager-${i}@example.com`, name: `Pager ${i}`, source: 'seed' }));
  await db.user.createMany({ data: people });
  await db.groupMembership.createMany({ data: people.map((u) => ({ userId: u.id, groupId: engineering.id })) });
  // Four requests in one millisecond, two in the next: the page boundaries fall inside those ties.
  const base = clock.now().getTime() - 60_000;
  const offsets = [0, 0, 0, 0, 1, 1, 2];
  const rows = people.map((u, i) => ({
    id: crypto.randomUUID(),
    requesterId: u.id,
    entitlementId: entitlement.id,
    durationMinutes: 30,
    justification: `paging ${i}`,
    createdAt: new Date(base + offsets[i]!),
    expiresAt: new Date(clock.now().getTime() + 86_400_000),
  }));
  await db.accessRequest.createMany({ data: rows });
  queue = [...rows].sort((a, b) => a.createdAt.getTime() - b.createdAt.getTime() || (a.id < b.id ? -1 : 1)).map((r) => r.id);
});
afterAll(async () => database?.close());

const as = (email: string) => actorContext(database.db, email);

async function walk(email: string, limit: number): Promise<string[][]> {
  const ctx = await as(email);
  const pages: string[][] = [];
  let after: string | undefined;
  do {
    const page = await listInboxPage(deps, ctx, { limit, after });
    pages.push(page.requests.map((r) => r.id));
    after = page.nextCursor ?? undefined;
  } while (after && pages.length < 20);
  return pages;
}

describe('inbox paging', () => {
  it('shows every request once, in queue order, across pages that split ties', async () => {
    const pages = await walk('bob@example.com', 3);
    expect(pages.map((p) => p.length)).toEqual([3, 3, 1]);
    expect(pages.flat()).toEqual(queue);
    // One page of everything: no "next".
    expect(await listInboxPage(deps, await as('bob@example.com'), { limit: 7 })).toMatchObject({ nextCursor: null });
  });

  it('loses nothing when a request on the current page is decided before the next page loads', async () => {
    const frank = await as('frank@example.com');
    const first = await listInboxPage(deps, frank, { limit: 2 });
    expect(first.requests.map((r) => r.id)).toEqual(queue.slice(0, 2));
    await decideRequest(deps, frank, { requestId: queue[0]!, decision: 'approve' });
    const second = await listInboxPage(deps, frank, { limit: 2, after: first.nextCursor! });
    expect(second.requests.map((r) => r.id)).toEqual(queue.slice(2, 4));
    // The decided request has left frank's queue; the rest is still there, once.
    expect((await walk('frank@example.com', 2)).flat()).toEqual(queue.slice(1));
  });

  it('refuses a cursor it did not give out (400)', async () => {
    const bob = await as('bob@example.com');
    await expectAppError(listInboxPage(deps, bob, { limit: 3, after: 'not-a-cursor' }), 'bad_request');
    await expectAppError(listInboxPage(deps, bob, { limit: 3, after: Buffer.from('12.x').toString('base64url') }), 'bad_request');
  });
});
