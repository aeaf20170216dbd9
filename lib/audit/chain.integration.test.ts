import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Db } from '@/lib/db/client';
import { createTestDatabase, type TestDatabase } from '@/lib/testing/test-db';
import { appendAudit } from './append';
import { rawAuditEvent } from '@/lib/testing/raw-audit-event';
import { chainHash } from './canonical';
import { canonicalSelect, sealPendingEvents } from './seal';
import { verifyChain } from './verify';

// The trail's tamper evidence on a real database (PGlite, or PostgreSQL with TIMEBOX_TEST_DB=postgres):
// the trigger refuses changes for the app's own role, and verify finds what a superuser forged with
// the trigger disabled.

let database: TestDatabase;
let db: Db;

beforeAll(async () => {
  database = await createTestDatabase();
  db = database.db;
});
afterAll(async () => database?.close());

/** Tests forge with the trigger off, as someone with the power to disable it could. */
async function forging<T>(work: () => Promise<T>): Promise<T> {
  await db.$executeRawUnsafe(`ALTER TABLE "AuditEvent" DISABLE TRIGGER "AuditEvent_append_only"`);
  try {
    return await work();
  } finally {
    await db.$executeRawUnsafe(`ALTER TABLE "AuditEvent" ENABLE ALWAYS TRIGGER "AuditEvent_append_only"`);
  }
}

async function append(n: number, action = 'test.event'): Promise<string[]> {
  const ids: string[] = [];
  for (let i = 0; i < n; i++) {
    const { id } = await db.$transaction((tx) => appendAudit(tx, rawAuditEvent({ actorLabel: 'system:test', action, data: { i, justification: `reason ${i}` } })));
    ids.push(id);
  }
  return ids;
}

const byIndex = (chainIndex: bigint) => db.auditEvent.findUniqueOrThrow({ where: { chainIndex } });

/** Each test starts from an empty trail: wiped with the trigger off (no app code path can do this). */
const freshDatabase = () => forging(() => db.$executeRawUnsafe(`DELETE FROM "AuditEvent"`));

describe('the append-only trigger', () => {
  beforeEach(freshDatabase);

  it('refuses UPDATE and DELETE of any event, and TRUNCATE of the table', async () => {
    const [id] = await append(1);
    await expect(db.auditEvent.update({ where: { id: id! }, data: { action: 'forged' } })).rejects.toThrow(/append-only/);
    await expect(db.auditEvent.delete({ where: { id: id! } })).rejects.toThrow(/append-only/);
    await expect(db.$executeRawUnsafe(`DELETE FROM "AuditEvent"`)).rejects.toThrow(/append-only/);
    await expect(db.$executeRawUnsafe(`TRUNCATE "AuditEvent"`)).rejects.toThrow(/append-only/);
    expect(await db.auditEvent.findUniqueOrThrow({ where: { id: id! } })).toMatchObject({ action: 'test.event' });
  });

  it('permits the sealing update once, and only when nothing else changes', async () => {
    const [id] = await append(1);
    const seal = { chainIndex: 1n, prevHash: '0'.repeat(64), hash: 'a'.repeat(64) };
    // Sealing and changing a column in the same update: refused.
    await expect(db.auditEvent.update({ where: { id: id! }, data: { ...seal, actorLabel: 'someone else' } })).rejects.toThrow(/append-only/);
    // Half a seal: refused.
    await expect(db.auditEvent.update({ where: { id: id! }, data: { chainIndex: 1n } })).rejects.toThrow(/append-only/);
    await db.auditEvent.update({ where: { id: id! }, data: seal });
    // Resealing (rewriting the chain columns): refused.
    await expect(db.auditEvent.update({ where: { id: id! }, data: { hash: 'b'.repeat(64) } })).rejects.toThrow(/append-only/);
    await expect(db.auditEvent.update({ where: { id: id! }, data: { chainIndex: null, prevHash: null, hash: null } })).rejects.toThrow(/append-only/);
    expect(await db.auditEvent.findUniqueOrThrow({ where: { id: id! } })).toMatchObject(seal);
  });

  it('fills searchText from the justification and ticket at insert', async () => {
    const { id } = await db.$transaction((tx) => appendAudit(tx, { actorLabel: 'x', action: 'request.created', data: { justification: 'Fix INC-42', ticket: 'OPS-7' } }));
    expect((await db.auditEvent.findUniqueOrThrow({ where: { id } })).searchText).toBe('Fix INC-42 OPS-7');
  });
});

describe('sealing and verifying the chain', () => {
  beforeEach(freshDatabase);

  it('seals committed events in batches and verifies them', async () => {
    await append(25);
    expect(await verifyChain(db, { seal: false })).toEqual({ ok: true, checked: 0, unsealed: 25, head: null });
    const result = await sealPendingEvents(db, { batchSize: 10 });
    expect(result.sealed).toBe(25);
    expect(result.head?.chainIndex).toBe(25n);
    expect(await sealPendingEvents(db)).toMatchObject({ sealed: 0 });
    const verified = await verifyChain(db, { batchSize: 7 });
    expect(verified).toEqual({ ok: true, checked: 25, unsealed: 0, head: { chainIndex: '25', hash: result.head!.hash } });
    // The chain follows sealing order and each link is the previous hash.
    const events = await db.auditEvent.findMany({ orderBy: { chainIndex: 'asc' }, select: { ...canonicalSelect, chainIndex: true, prevHash: true, hash: true } });
    for (let i = 1; i < events.length; i++) expect(events[i]!.prevHash).toBe(events[i - 1]!.hash);
    expect(events[3]!.hash).toBe(chainHash(4n, events[2]!.hash!, events[3]!));
  });

  it('seals an event whose seq is lower but which committed later, without breaking the chain', async () => {
    // A transaction took its seq, another committed after it and was sealed, then the first committed.
    const [row] = await db.$queryRawUnsafe<{ reserved: bigint }[]>(`SELECT nextval(pg_get_serial_sequence('"AuditEvent"', 'seq')) AS reserved`);
    const reserved = row!.reserved;
    await append(3);
    await sealPendingEvents(db);
    const late = await db.auditEvent.create({ data: { seq: reserved, actorLabel: 'system:test', action: 'test.late' } });
    expect(await sealPendingEvents(db)).toMatchObject({ sealed: 1, head: { chainIndex: 4n } });
    expect((await db.auditEvent.findUniqueOrThrow({ where: { id: late.id } })).chainIndex).toBe(4n);
    expect(await verifyChain(db)).toMatchObject({ ok: true, checked: 4, unsealed: 0 });
  });

  it('lets only one sealer link at a time, so concurrent sealers never fork the chain', async () => {
    await append(30);
    const results = await Promise.all([sealPendingEvents(db, { batchSize: 4 }), sealPendingEvents(db, { batchSize: 5 }), sealPendingEvents(db, { batchSize: 3, wait: false })]);
    expect(results.reduce((n, r) => n + r.sealed, 0)).toBe(30);
    expect(await verifyChain(db)).toMatchObject({ ok: true, checked: 30 });
  });

  it('catches a changed event', async () => {
    await append(10);
    await sealPendingEvents(db);
    const victim = await byIndex(6n);
    await forging(() => db.$executeRawUnsafe(`UPDATE "AuditEvent" SET "data" = '{"i": 5, "justification": "nothing to see"}' WHERE id = $1::uuid`, victim.id));
    expect(await verifyChain(db)).toEqual({ ok: false, checked: 5, unsealed: 0, firstBrokenId: victim.id, chainIndex: '6', reason: 'hash-mismatch' });
  });

  it('catches a changed event even when the forger recomputes its hash', async () => {
    await append(10);
    await sealPendingEvents(db);
    const victim = await db.auditEvent.findUniqueOrThrow({ where: { chainIndex: 4n }, select: { ...canonicalSelect, prevHash: true } });
    const forgedHash = chainHash(4n, victim.prevHash!, { ...victim, actorLabel: 'someone else' });
    await forging(() => db.auditEvent.update({ where: { id: victim.id }, data: { actorLabel: 'someone else', hash: forgedHash } }));
    const next = await byIndex(5n);
    expect(await verifyChain(db)).toMatchObject({ ok: false, checked: 4, firstBrokenId: next.id, reason: 'prev-hash-mismatch' });
  });

  it('catches a deleted event', async () => {
    await append(10);
    await sealPendingEvents(db);
    const victim = await byIndex(3n);
    const after = await byIndex(4n);
    await forging(() => db.auditEvent.delete({ where: { id: victim.id } }));
    expect(await verifyChain(db)).toEqual({ ok: false, checked: 2, unsealed: 0, firstBrokenId: after.id, chainIndex: '3', reason: 'gap' });
  });

  it('catches a deleted event whose successors were renumbered to close the gap', async () => {
    await append(8);
    await sealPendingEvents(db);
    const victim = await byIndex(5n);
    const after = await byIndex(6n);
    await forging(async () => {
      await db.auditEvent.delete({ where: { id: victim.id } });
      for (const i of [6n, 7n, 8n]) await db.auditEvent.update({ where: { chainIndex: i }, data: { chainIndex: i - 1n } });
    });
    expect(await verifyChain(db)).toMatchObject({ ok: false, checked: 4, firstBrokenId: after.id, reason: 'prev-hash-mismatch' });
  });

  it('catches an inserted event, even one linked correctly to its predecessor', async () => {
    await append(8);
    await sealPendingEvents(db);
    const before = await byIndex(4n);
    const displaced = await byIndex(5n);
    await forging(async () => {
      // Make room at 5 (from the top down, the index is unique), then slip in a well-formed event.
      for (const i of [8n, 7n, 6n, 5n]) await db.auditEvent.update({ where: { chainIndex: i }, data: { chainIndex: i + 1n } });
      const forged = await db.auditEvent.create({ data: { actorLabel: 'carol@example.com', action: 'grant.revoked', occurredAt: before.occurredAt } });
      const row = await db.auditEvent.findUniqueOrThrow({ where: { id: forged.id }, select: canonicalSelect });
      await db.auditEvent.update({ where: { id: forged.id }, data: { chainIndex: 5n, prevHash: before.hash!, hash: chainHash(5n, before.hash!, row) } });
    });
    expect(await verifyChain(db)).toMatchObject({ ok: false, checked: 5, firstBrokenId: displaced.id, chainIndex: '6', reason: 'prev-hash-mismatch' });
  });

  it('reports a row with half-set chain columns as forged instead of sealing around it', async () => {
    await append(3);
    await sealPendingEvents(db);
    const forged = await db.auditEvent.create({ data: { actorLabel: 'x', action: 'test.forged', prevHash: 'f'.repeat(64), hash: 'e'.repeat(64) } });
    await append(1);
    expect(await sealPendingEvents(db)).toMatchObject({ sealed: 1 });
    expect(await verifyChain(db)).toMatchObject({ ok: false, firstBrokenId: forged.id, reason: 'forged' });
  });

  it('catches a cut-off tail against an anchor written down earlier', async () => {
    await append(6);
    const { head } = await sealPendingEvents(db);
    await forging(() => db.auditEvent.delete({ where: { chainIndex: 6n } }));
    // The chain alone still links up…
    expect(await verifyChain(db)).toMatchObject({ ok: true, checked: 5 });
    // …but not to the head recorded before.
    expect(await verifyChain(db, { anchor: head! })).toMatchObject({ ok: false, firstBrokenId: null, chainIndex: '6', reason: 'anchor-mismatch' });
  });
});
