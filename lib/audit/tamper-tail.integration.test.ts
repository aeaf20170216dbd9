import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Db } from '@/lib/db/client';
import { reasons, auditChainDatabase } from '@/lib/testing/audit-chain';
import { appendCheckpoint, readLatestCheckpoint, signCheckpoint } from './checkpoint';
import { sealPendingEvents } from './seal';
import { auditSigningKey } from './signing-key';
import { verifyChain } from './verify';

// Tampering at the end of the chain, which the chain alone cannot show: a cut-off tail or a rewritten head,
// caught against an anchor or the latest signed checkpoint (and a checkpoint file edited by hand).

const chain = auditChainDatabase();
const { forging, append, byIndex } = chain;
let db: Db;
beforeAll(() => {
  db = chain.db();
});

describe('verify against an anchor written down earlier', () => {
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

