import { beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '@/lib/db/client';
import { auditChainDatabase } from '@/lib/testing/audit-chain';
import { rawAuditEvent } from '@/lib/testing/raw-audit-event';
import { appendAudit, auditRow } from './append';
import { chainHash } from './canonical';
import { canonicalSelect, sealPendingEvents } from './seal';
import { auditSigningKey } from './signing-key';
import { verifyChain } from './verify';

// The trail's tamper evidence on a real database (PGlite, or PostgreSQL with TIMEBOX_TEST_DB=postgres): the
// trigger refuses changes for the app's own role, and sealing links what committed. What verify finds when a
// superuser forges with the trigger disabled is in tamper-rows, tamper-signatures and tamper-tail.

const chain = auditChainDatabase();
const { append } = chain;
let db: Db;
beforeAll(() => {
  db = chain.db();
});

describe('the append-only trigger', () => {
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
    const seal = { chainIndex: 1n, prevHash: '0'.repeat(64), hash: 'a'.repeat(64), sealMac: 'c'.repeat(64) };
    // Sealing and changing a column in the same update: refused.
    await expect(db.auditEvent.update({ where: { id: id! }, data: { ...seal, actorLabel: 'someone else' } })).rejects.toThrow(/append-only/);
    // Half a seal: refused (a seal without the sealer's MAC is half a seal too).
    await expect(db.auditEvent.update({ where: { id: id! }, data: { chainIndex: 1n } })).rejects.toThrow(/append-only/);
    await expect(db.auditEvent.update({ where: { id: id! }, data: { ...seal, sealMac: null } })).rejects.toThrow(/append-only/);
    await db.auditEvent.update({ where: { id: id! }, data: seal });
    // Resealing (rewriting the chain columns): refused.
    await expect(db.auditEvent.update({ where: { id: id! }, data: { hash: 'b'.repeat(64) } })).rejects.toThrow(/append-only/);
    await expect(db.auditEvent.update({ where: { id: id! }, data: { sealMac: 'd'.repeat(64) } })).rejects.toThrow(/append-only/);
    await expect(db.auditEvent.update({ where: { id: id! }, data: { chainIndex: null, prevHash: null, hash: null } })).rejects.toThrow(/append-only/);
    expect(await db.auditEvent.findUniqueOrThrow({ where: { id: id! } })).toMatchObject(seal);
  });

  it('fills searchText from the justification and ticket at insert', async () => {
    const { id } = await db.$transaction((tx) => appendAudit(tx, { actorLabel: 'x', action: 'request.created', data: { justification: 'Fix INC-42', ticket: 'OPS-7' } }));
    expect((await db.auditEvent.findUniqueOrThrow({ where: { id } })).searchText).toBe('Fix INC-42 OPS-7');
  });

  it('dates every event with the database clock, overwriting a backdated occurredAt', async () => {
    const before = await dbNow();
    await db.$executeRawUnsafe(`INSERT INTO "AuditEvent" ("id", "occurredAt", "actorLabel", "action") VALUES (gen_random_uuid(), '2020-01-01 00:00:00', 'mallory', 'grant.revoked')`);
    const viaClient = await db.auditEvent.create({ data: { actorLabel: 'mallory', action: 'grant.revoked', occurredAt: new Date('2020-01-01T00:00:00Z') } });
    const after = await dbNow();
    for (const row of await db.auditEvent.findMany({ where: { actorLabel: 'mallory' } })) {
      expect(row.occurredAt.getTime()).toBeGreaterThanOrEqual(before.getTime() - 1);
      expect(row.occurredAt.getTime()).toBeLessThanOrEqual(after.getTime() + 1);
    }
    expect((await db.auditEvent.findUniqueOrThrow({ where: { id: viaClient.id } })).occurredAt.getUTCFullYear()).not.toBe(2020);
  });

  it('signs each event at insert with the key, over its content', async () => {
    const [id] = await append(1);
    const row = await db.auditEvent.findUniqueOrThrow({ where: { id: id! } });
    expect(row.mac).toMatch(/^[0-9a-f]{64}$/);
  });
});

/** The database's clock (the trigger's), as a Date in UTC like the column reads. */
async function dbNow(): Promise<Date> {
  const [row] = await db.$queryRawUnsafe<{ now: Date }[]>(`SELECT (clock_timestamp() AT TIME ZONE 'UTC')::timestamp(3) AS now`);
  return row!.now;
}

describe('sealing and verifying the chain', () => {
  it('seals committed events in batches and verifies them', async () => {
    await append(25);
    expect(await verifyChain(db, { seal: false })).toMatchObject({ ok: true, checked: 0, unsealed: 25, head: null });
    const result = await sealPendingEvents(db, { batchSize: 10 });
    expect(result.sealed).toBe(25);
    expect(result.head?.chainIndex).toBe(25n);
    expect(await sealPendingEvents(db)).toMatchObject({ sealed: 0 });
    const verified = await verifyChain(db, { batchSize: 7 });
    expect(verified).toEqual({ ok: true, checked: 25, unsealed: 0, legacy: 0, head: { chainIndex: '25', hash: result.head!.hash }, checkpoint: null, findings: [] });
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
    const late = await db.auditEvent.create({ data: { ...auditRow(rawAuditEvent({ actorLabel: 'system:test', action: 'test.late' }), auditSigningKey()), seq: reserved } });
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
});
