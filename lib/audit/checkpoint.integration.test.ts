import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '@/lib/testing/test-db';
import { rawAuditEvent } from '@/lib/testing/raw-audit-event';
import { startWebhookReceiver, type WebhookReceiver } from '@/lib/testing/webhook-receiver';
import { appendAudit } from './append';
import { checkpointIsGenuine, readLatestCheckpoint, type Checkpoint } from './checkpoint';
import { writeCheckpoint, type CheckpointSinks } from './checkpoint-pass';
import { sealPendingEvents } from './seal';
import { auditSigningKey } from './signing-key';
import { verifyChain } from './verify';

// The checkpoint writer the scheduler runs: a signed head into the file, and to the notification webhook
// (a real receiver on 127.0.0.1 that checks the signature), only when one is due and the head moved.

const SECRET = 'checkpoint-webhook-secret-0123456789';
const MINUTE = 60_000;

let database: TestDatabase;
let receiver: WebhookReceiver;
let sinks: CheckpointSinks;

beforeAll(async () => {
  database = await createTestDatabase();
  receiver = await startWebhookReceiver({ secret: SECRET });
  const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'timebox-checkpoint-test-')), 'nested', 'audit-checkpoints.jsonl');
  sinks = { file, key: auditSigningKey(), intervalMs: 5 * MINUTE, webhook: { url: receiver.url, secret: SECRET, timeoutMs: 10_000 } };
});
afterAll(async () => {
  await receiver?.stop();
  await database?.close();
});

const append = (n: number) =>
  database.db.$transaction(async (tx) => {
    for (let i = 0; i < n; i++) await appendAudit(tx, rawAuditEvent({ actorLabel: 'system:test', action: 'test.event', data: { i } }));
  });

const lines = () => fs.readFileSync(sinks.file, 'utf8').trim().split('\n').map((line) => JSON.parse(line) as Checkpoint);

describe('writeCheckpoint', () => {
  it('writes nothing while the chain is empty', async () => {
    expect(await writeCheckpoint(database.db, sinks, new Date())).toBeNull();
    expect(fs.existsSync(sinks.file)).toBe(false);
  });

  it('appends a signed head to the file (0600) and posts it, signed, to the webhook', async () => {
    await append(3);
    const { head } = await sealPendingEvents(database.db);
    const t0 = new Date();
    const written = await writeCheckpoint(database.db, sinks, t0);
    expect(written).toMatchObject({ chainIndex: head!.chainIndex.toString(), hash: head!.hash, at: t0.toISOString() });
    expect(checkpointIsGenuine(written!, sinks.key)).toBe(true);
    expect(lines()).toEqual([written]);
    expect(fs.statSync(sinks.file).mode & 0o777).toBe(0o600);
    expect(receiver.deliveries.map((d) => d.problem)).toEqual([null]);
    expect(receiver.events()).toEqual([expect.objectContaining({ type: 'audit.checkpoint', checkpoint: written })]);
    expect(receiver.deliveries[0]!.headers['timebox-event']).toBe('audit.checkpoint');
  });

  it('waits for the interval, then writes only if the head moved', async () => {
    const [first] = lines();
    const t0 = Date.parse(first!.at);
    await append(2);
    await sealPendingEvents(database.db);
    // Not due yet.
    expect(await writeCheckpoint(database.db, sinks, new Date(t0 + MINUTE))).toBeNull();
    // Due, and the head moved.
    const second = await writeCheckpoint(database.db, sinks, new Date(t0 + 6 * MINUTE));
    expect(second).toMatchObject({ chainIndex: String(Number(first!.chainIndex) + 2) });
    // Due again, but nothing new: an idle trail adds no lines.
    expect(await writeCheckpoint(database.db, sinks, new Date(t0 + 20 * MINUTE))).toBeNull();
    expect(lines()).toHaveLength(2);
    expect(receiver.events()).toHaveLength(2);
    // Verify reads the last line and compares the chain with it.
    const latest = await readLatestCheckpoint(sinks.file);
    expect(latest).toEqual({ kind: 'checkpoint', checkpoint: second });
    expect(await verifyChain(database.db, { checkpoint: latest })).toMatchObject({ ok: true, checkpoint: { chainIndex: second!.chainIndex } });
    // The webhook receiver's copy, kept as the bodies it received, reads the same.
    const copy = path.join(path.dirname(sinks.file), 'received.jsonl');
    fs.writeFileSync(copy, receiver.deliveries.map((d) => `${d.rawBody}\n`).join(''));
    expect(await readLatestCheckpoint(copy)).toEqual(latest);
  });

  it('keeps the file line when the webhook is down, and says so', async () => {
    const [, second] = lines();
    await append(1);
    await sealPendingEvents(database.db);
    receiver.failNext(1, 503);
    await expect(writeCheckpoint(database.db, sinks, new Date(Date.parse(second!.at) + 6 * MINUTE))).rejects.toThrow(/HTTP 503/);
    expect(lines()).toHaveLength(3);
  });
});
