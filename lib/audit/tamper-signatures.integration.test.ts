import { beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '@/lib/db/client';
import { reasons, auditChainDatabase } from '@/lib/testing/audit-chain';
import { chainHash } from './canonical';
import { canonicalSelect, sealPendingEvents } from './seal';
import { verifyChain } from './verify';

// Tampering the hash chain alone cannot show: an event inserted behind the application (no MAC), a copied
// MAC, an edited searchText or time, a chain recomputed without the key.

const chain = auditChainDatabase();
const { forging, append, byIndex } = chain;
let db: Db;
beforeAll(() => {
  db = chain.db();
});

describe('verify finds what only the key can tell', () => {
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
});

/** The database's clock (the trigger's), as a Date in UTC like the column reads. */
async function dbNow(): Promise<Date> {
  const [row] = await db.$queryRawUnsafe<{ now: Date }[]>(`SELECT (clock_timestamp() AT TIME ZONE 'UTC')::timestamp(3) AS now`);
  return row!.now;
}
