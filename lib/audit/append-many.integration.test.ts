import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '@/lib/db/client';
import { rawAuditEvent } from '@/lib/testing/raw-audit-event';
import { createTestDatabase, type TestDatabase } from '@/lib/testing/test-db';
import { appendAudit, appendAuditMany, type AuditInput } from './append';
import { insertMac } from './mac';
import { canonicalSelect } from './seal';
import { auditSigningKey } from './signing-key';
import { verifyChain } from './verify';

// appendAuditMany writes its batch with one raw unnest insert, appendAudit through Prisma's create:
// the same event must come out as the same row either way (every column, the triggers' values, a MAC
// that verifies, data as given), and a batch's seq must follow its order, which the sealer chains by.

let database: TestDatabase;
let db: Db;
let userId: string;

beforeAll(async () => {
  database = await createTestDatabase('demo');
  db = database.db;
  userId = (await db.user.findFirstOrThrow({ select: { id: true } })).id;
});
afterAll(async () => database?.close());

/** Events that exercise every column: all set, all null, and data that JSON and JSONB can trip on. */
function sampleEvents(tag: string): AuditInput[] {
  return [
    rawAuditEvent({
      actorId: userId,
      actorLabel: 'alice@example.com',
      action: `${tag}.full`,
      resourceId: randomUUID(),
      entitlementId: randomUUID(),
      requestId: randomUUID(),
      grantId: randomUUID(),
      tokenId: randomUUID(),
      statusFrom: 'active',
      statusTo: 'revoking',
      ip: '203.0.113.7',
      userAgent: 'ua '.repeat(300), // cut to 500 characters
      data: { justification: 'Zugriff für Störung — 数据库 🚒', ticket: 'INC-42', nested: { list: [1, 'two', null, { deep: true }], empty: {}, none: null }, quote: 'a "b" \\ c\n' },
    }),
    rawAuditEvent({ actorLabel: 'system:scheduler', action: `${tag}.bare` }),
    rawAuditEvent({ actorLabel: 'system:scheduler', action: `${tag}.nulls`, actorId: null, statusFrom: null, data: { at: new Date('2026-01-02T03:04:05.678Z') as unknown as string, skipped: undefined, n: 1.5 } }),
  ];
}

const rowsOf = (action: string) =>
  db.auditEvent.findMany({ where: { action: { startsWith: action } }, orderBy: { seq: 'asc' }, select: { ...canonicalSelect, searchText: true, mac: true, chainIndex: true, hash: true } });

type Row = Awaited<ReturnType<typeof rowsOf>>[number];

/** What two writes of the same sample share: all but the fresh ids, seq, time, MAC, and the action's tag. */
const sameContent = (row: Row) => ({
  ...row,
  id: null, seq: null, occurredAt: null, mac: null, resourceId: null, entitlementId: null, requestId: null, grantId: null, tokenId: null,
  action: row.action.replace(/^[a-z]+\./, ''),
});

describe('appendAuditMany', () => {
  it('writes the rows appendAudit writes: every column, the triggers, a MAC that verifies', async () => {
    for (const event of sampleEvents('one')) await db.$transaction((tx) => appendAudit(tx, event));
    await db.$transaction((tx) => appendAuditMany(tx, sampleEvents('many')));
    const one = await rowsOf('one.');
    const many = await rowsOf('many.');
    expect(many).toHaveLength(3);
    const key = auditSigningKey();
    for (const [i, row] of many.entries()) {
      expect(row.mac).toBe(insertMac(key, row));
      expect(row.occurredAt.getTime()).toBeGreaterThan(Date.now() - 60_000);
      expect(sameContent(row)).toEqual(sameContent(one[i]!));
    }
    const [full, bare, nulls] = many;
    expect(full!.userAgent).toHaveLength(500);
    expect(full!.searchText).toBe('Zugriff für Störung — 数据库 🚒 INC-42');
    expect(full!.data).toEqual({ justification: 'Zugriff für Störung — 数据库 🚒', ticket: 'INC-42', nested: { list: [1, 'two', null, { deep: true }], empty: {}, none: null }, quote: 'a "b" \\ c\n' });
    expect(full).toMatchObject({ actorId: userId, statusFrom: 'active', statusTo: 'revoking', ip: '203.0.113.7', chainIndex: null, hash: null });
    expect(bare).toMatchObject({ actorId: null, resourceId: null, entitlementId: null, requestId: null, grantId: null, tokenId: null, statusFrom: null, statusTo: null, ip: null, userAgent: null, data: {}, searchText: null });
    expect(nulls!.data).toEqual({ at: '2026-01-02T03:04:05.678Z', n: 1.5 });
  });

  it('gives a batch seq in the order given, and the sealed chain verifies', async () => {
    const events = Array.from({ length: 450 }, (_, i) => rawAuditEvent({ actorLabel: 'system:test', action: 'order.event', data: { i } }));
    await db.$transaction((tx) => appendAuditMany(tx, events));
    const rows = await rowsOf('order.');
    expect(rows.map((row) => (row.data as { i: number }).i)).toEqual(events.map((_, i) => i));
    for (let i = 1; i < rows.length; i++) expect(rows[i]!.occurredAt.getTime()).toBeGreaterThanOrEqual(rows[i - 1]!.occurredAt.getTime());
    const verdict = await verifyChain(db);
    expect(verdict).toMatchObject({ ok: true, unsealed: 0, findings: [] });
  });

  it('writes nothing for no events, and nothing at all when its transaction rolls back', async () => {
    const before = await db.auditEvent.count();
    await db.$transaction((tx) => appendAuditMany(tx, []));
    await expect(
      db.$transaction(async (tx) => {
        await appendAuditMany(tx, sampleEvents('rolled'));
        throw new Error('roll back');
      }),
    ).rejects.toThrow('roll back');
    expect(await db.auditEvent.count()).toBe(before);
  });
});
