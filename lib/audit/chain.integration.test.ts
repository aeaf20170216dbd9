import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Db } from '@/lib/db/client';
import { createTestDatabase, type TestDatabase } from '@/lib/testing/test-db';
import { appendAudit, auditRow } from './append';
import { rawAuditEvent } from '@/lib/testing/raw-audit-event';
import { chainHash } from './canonical';
import { appendCheckpoint, readLatestCheckpoint, signCheckpoint } from './checkpoint';
import { canonicalSelect, sealPendingEvents } from './seal';
import { auditSigningKey } from './signing-key';
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
  beforeEach(freshDatabase);

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

  it('catches a changed event', async () => {
    await append(10);
    await sealPendingEvents(db);
    const victim = await byIndex(6n);
    await forging(() => db.$executeRawUnsafe(`UPDATE "AuditEvent" SET "data" = '{"i": 5, "justification": "nothing to see"}' WHERE id = $1::uuid`, victim.id));
    const result = await verifyChain(db);
    expect(result).toMatchObject({ ok: false, checked: 5, unsealed: 0, firstBrokenId: victim.id, chainIndex: '6', reason: 'hash-mismatch' });
    // Its hash, both MACs and its search text all say so; nothing else is accused.
    expect(reasons(result)).toEqual(['hash-mismatch@6', 'seal-mac-mismatch@6', 'mac-mismatch@6', 'search-text-mismatch@6']);
  });

  it('catches a changed event even when the forger recomputes its hash', async () => {
    await append(10);
    await sealPendingEvents(db);
    const victim = await db.auditEvent.findUniqueOrThrow({ where: { chainIndex: 4n }, select: { ...canonicalSelect, prevHash: true } });
    const forgedHash = chainHash(4n, victim.prevHash!, { ...victim, actorLabel: 'someone else' });
    await forging(() => db.auditEvent.update({ where: { id: victim.id }, data: { actorLabel: 'someone else', hash: forgedHash } }));
    // Without the key the forger cannot re-sign: the changed event itself is named, not only its successor.
    expect(await verifyChain(db)).toMatchObject({ ok: false, checked: 3, firstBrokenId: victim.id, chainIndex: '4', reason: 'seal-mac-mismatch' });
    expect(reasons(await verifyChain(db))).toEqual(['seal-mac-mismatch@4', 'mac-mismatch@4', 'prev-hash-mismatch@5']);
  });

  it('catches a deleted event', async () => {
    await append(10);
    await sealPendingEvents(db);
    const victim = await byIndex(3n);
    const after = await byIndex(4n);
    await forging(() => db.auditEvent.delete({ where: { id: victim.id } }));
    expect(await verifyChain(db)).toMatchObject({ ok: false, checked: 2, unsealed: 0, firstBrokenId: after.id, chainIndex: '3', reason: 'gap' });
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
      const forged = await db.auditEvent.create({ data: { actorLabel: 'carol@example.com', action: 'grant.revoked' } });
      const row = await db.auditEvent.findUniqueOrThrow({ where: { id: forged.id }, select: canonicalSelect });
      await db.auditEvent.update({ where: { id: forged.id }, data: { chainIndex: 5n, prevHash: before.hash!, hash: chainHash(5n, before.hash!, row) } });
      return forged;
    });
    // Linked correctly, but signed by nobody: the forged event is named, then the link it broke, then
    // every event it pushed along (their position is hashed and signed).
    const result = await verifyChain(db);
    expect(result).toMatchObject({ ok: false, checked: 4, chainIndex: '5', reason: 'seal-mac-missing' });
    expect(reasons(result)).toEqual([
      'seal-mac-missing@5', 'mac-missing@5', 'prev-hash-mismatch@6', 'hash-mismatch@6', 'seal-mac-mismatch@6',
      'hash-mismatch@7', 'seal-mac-mismatch@7', 'hash-mismatch@8', 'seal-mac-mismatch@8', 'hash-mismatch@9', 'seal-mac-mismatch@9',
    ]);
    expect(result.findings[2]!.id).toBe(displaced.id);
  });

  it('reports a row with half-set chain columns as forged instead of sealing around it', async () => {
    await append(3);
    await sealPendingEvents(db);
    const forged = await db.auditEvent.create({ data: { actorLabel: 'x', action: 'test.forged', prevHash: 'f'.repeat(64), hash: 'e'.repeat(64) } });
    await append(1);
    expect(await sealPendingEvents(db)).toMatchObject({ sealed: 1 });
    expect(await verifyChain(db)).toMatchObject({ ok: false, firstBrokenId: forged.id, reason: 'forged' });
  });

  it('flags an event inserted behind the application: no MAC, its backdated time overwritten', async () => {
    await append(3);
    await sealPendingEvents(db);
    // What issue 14 did: a plain INSERT with an old date, which was sealed into the chain and verified ok.
    await db.$executeRawUnsafe(
      `INSERT INTO "AuditEvent" ("id", "occurredAt", "actorLabel", "action", "data") VALUES (gen_random_uuid(), '2026-01-01 09:00:00', 'carol@example.com', 'review.approved', '{"comment":"approved at the time"}')`,
    );
    await append(1);
    const sealed = await sealPendingEvents(db);
    const forged = await db.auditEvent.findFirstOrThrow({ where: { action: 'review.approved' } });
    expect(forged.occurredAt.getUTCFullYear()).toBe((await dbNow()).getUTCFullYear());
    expect(forged.occurredAt.getTime()).toBeGreaterThan(Date.parse('2026-06-01T00:00:00Z'));
    // Sealed all the same (it can no longer be quietly removed), and reported by the sealer…
    expect(sealed.unsigned).toEqual([{ id: forged.id, chainIndex: 4n }]);
    // …and by verify, with its number.
    const result = await verifyChain(db);
    expect(result).toMatchObject({ ok: false, checked: 3, firstBrokenId: forged.id, chainIndex: '4', reason: 'mac-missing' });
    expect(reasons(result)).toEqual(['mac-missing@4']);
  });

  it('flags a row whose MAC was copied from another event', async () => {
    const [a] = await append(2);
    const source = await db.auditEvent.findUniqueOrThrow({ where: { id: a! } });
    await db.auditEvent.create({ data: { actorLabel: 'system:test', action: 'test.event', data: { i: 0, justification: 'reason 0' }, mac: source.mac } });
    expect(reasons(await verifyChain(db))).toEqual(['mac-mismatch@3']);
  });

  it('flags a changed searchText, which the hash does not cover', async () => {
    await append(4, 'request.created');
    await sealPendingEvents(db);
    const victim = await byIndex(2n);
    await forging(() => db.$executeRawUnsafe(`UPDATE "AuditEvent" SET "searchText" = 'nothing to see' WHERE id = $1::uuid`, victim.id));
    const result = await verifyChain(db);
    expect(result).toMatchObject({ ok: false, checked: 4, firstBrokenId: victim.id, chainIndex: '2', reason: 'search-text-mismatch' });
    expect(reasons(result)).toEqual(['search-text-mismatch@2']);
  });

  it('flags an event whose time was moved back before it was sealed', async () => {
    await append(3);
    const [victim] = await append(1);
    await append(2);
    // The MAC does not cover occurredAt (the database sets it after the app signs): a superuser edits it in the seconds before sealing.
    await forging(() => db.$executeRawUnsafe(`UPDATE "AuditEvent" SET "occurredAt" = "occurredAt" - interval '3 days' WHERE id = $1::uuid`, victim));
    await sealPendingEvents(db);
    const result = await verifyChain(db);
    expect(result).toMatchObject({ ok: false, firstBrokenId: victim, chainIndex: '4', reason: 'backdated' });
    expect(reasons(result)).toEqual(['backdated@4']);
  });

  it('flags a chain recomputed from some point on without the key', async () => {
    await append(6);
    await sealPendingEvents(db);
    // Change event 3 and rebuild every hash after it, as anyone with the database but not the key could.
    await forging(async () => {
      await db.$executeRawUnsafe(`UPDATE "AuditEvent" SET "actorLabel" = 'someone else' WHERE "chainIndex" = 3`);
      let prevHash = (await byIndex(2n)).hash!;
      for (const i of [3n, 4n, 5n, 6n]) {
        const row = await db.auditEvent.findUniqueOrThrow({ where: { chainIndex: i }, select: canonicalSelect });
        const hash = chainHash(i, prevHash, row);
        await db.auditEvent.update({ where: { chainIndex: i }, data: { prevHash, hash } });
        prevHash = hash;
      }
    });
    expect(reasons(await verifyChain(db))).toEqual(['seal-mac-mismatch@3', 'mac-mismatch@3', 'seal-mac-mismatch@4', 'seal-mac-mismatch@5', 'seal-mac-mismatch@6']);
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

describe('verify against the latest signed checkpoint', () => {
  beforeEach(freshDatabase);

  let file: string;
  beforeEach(() => {
    file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'timebox-chain-test-')), 'audit-checkpoints.jsonl');
  });
  const checkpointNow = async () => {
    const { head } = await sealPendingEvents(db);
    await appendCheckpoint(file, signCheckpoint(head!, new Date(), auditSigningKey()));
  };
  const verifyAgainstFile = async () => verifyChain(db, { checkpoint: await readLatestCheckpoint(file) });

  it('passes while the chain still holds the checkpointed head, and grows past it', async () => {
    await append(4);
    await checkpointNow();
    await append(2);
    expect(await verifyAgainstFile()).toMatchObject({ ok: true, checked: 6, checkpoint: { chainIndex: '4' } });
  });

  it('reports a truncated tail: the last events deleted (trigger disabled) after a checkpoint', async () => {
    await append(8);
    await checkpointNow();
    await forging(() => db.$executeRawUnsafe(`DELETE FROM "AuditEvent" WHERE "chainIndex" > 6`));
    // The chain alone still links up…
    expect(await verifyChain(db)).toMatchObject({ ok: true, checked: 6 });
    // …the checkpoint shows what is gone.
    const result = await verifyAgainstFile();
    expect(result).toMatchObject({ ok: false, checked: 6, firstBrokenId: null, chainIndex: '8', reason: 'truncated' });
    expect(reasons(result)).toEqual(['truncated@8']);
  });

  it('reports a rewritten head: the tail deleted and new events sealed in its place', async () => {
    await append(5);
    await checkpointNow();
    await forging(() => db.$executeRawUnsafe(`DELETE FROM "AuditEvent" WHERE "chainIndex" >= 4`));
    await append(3, 'test.replacement');
    const result = await verifyAgainstFile();
    expect(result).toMatchObject({ ok: false, chainIndex: '5', reason: 'anchor-mismatch' });
  });

  it('reports a checkpoint file edited by hand (to match a truncated chain)', async () => {
    await append(5);
    await checkpointNow();
    const latest = await readLatestCheckpoint(file);
    if (latest.kind !== 'checkpoint') throw new Error('no checkpoint written');
    const fourth = await byIndex(4n);
    await forging(() => db.$executeRawUnsafe(`DELETE FROM "AuditEvent" WHERE "chainIndex" = 5`));
    await appendCheckpoint(file, { ...latest.checkpoint, chainIndex: '4', hash: fourth.hash! });
    expect(reasons(await verifyAgainstFile())).toEqual(['checkpoint-invalid@4']);
    fs.appendFileSync(file, 'not a checkpoint\n');
    expect(reasons(await verifyAgainstFile())).toEqual(['checkpoint-invalid@-']);
  });
});

/** The findings as "reason@chainIndex", in order: what verify accuses, and where. */
function reasons(result: Awaited<ReturnType<typeof verifyChain>>): string[] {
  return result.findings.map((f) => `${f.reason}@${f.chainIndex ?? '-'}`);
}
