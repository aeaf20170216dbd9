import { beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '@/lib/db/client';
import { reasons, auditChainDatabase } from '@/lib/testing/audit-chain';
import { chainHash } from './canonical';
import { canonicalSelect, sealPendingEvents } from './seal';
import { verifyChain } from './verify';

// Tampering with the rows of a sealed chain (trigger disabled, as a superuser could): a changed event, a
// deleted one, an inserted one, a half-sealed one. Verify names the first broken event and every finding.

const chain = auditChainDatabase();
const { forging, append, byIndex } = chain;
let db: Db;
beforeAll(() => {
  db = chain.db();
});

describe('verify finds rows changed, deleted or inserted behind the trigger', () => {
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
});
