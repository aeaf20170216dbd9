import { afterAll, describe, expect, it } from 'vitest';
import { connectDatabase, type Database } from '@/lib/db/client';
import { requireServer } from '@/lib/testing/require-server';
import { TcpRelay } from '@/lib/testing/tcp-proxy';
import { createTestDatabase } from '@/lib/testing/test-db';
import { checkHealth } from './health';

const serverUrl = process.env.TEST_DATABASE_URL || process.env.DATABASE_URL;
// A database that answers is ok however busy the machine: a fresh copy's first query took over the endpoint's
// 3 s default on a loaded CI run. The deadline itself is what the outage test checks, with its own 2 s.
const ANSWERS_EVENTUALLY = 60_000;

describe('checkHealth', () => {
  it('reports the database as ok', async () => {
    const database = await createTestDatabase();
    try {
      expect(await checkHealth(database.db, ANSWERS_EVENTUALLY)).toEqual({ status: 'ok', database: 'ok' });
    } finally {
      await database.close();
    }
  });
});

describe.runIf(requireServer('TEST_DATABASE_URL or DATABASE_URL', serverUrl))('checkHealth while PostgreSQL goes away and comes back', () => {
  const upstream = new URL(serverUrl ?? 'postgresql://127.0.0.1:5432/postgres');
  const relay = new TcpRelay({ host: upstream.hostname, port: Number(upstream.port || 5432) });
  let database: Database | undefined;

  afterAll(async () => {
    await relay.start().catch(() => {}); // let the pool say goodbye cleanly
    await database?.close();
    await relay.stop();
  });

  it('answers unreachable during the outage and recovers by itself', async () => {
    const port = await relay.start();
    const viaRelay = new URL(upstream);
    viaRelay.host = `127.0.0.1:${port}`;
    database = await connectDatabase({ kind: 'postgres', url: viaRelay.toString() });

    expect(await checkHealth(database.db, ANSWERS_EVENTUALLY)).toEqual({ status: 'ok', database: 'ok' });

    await relay.stop();
    expect(await checkHealth(database.db, 2_000)).toEqual({ status: 'degraded', database: 'unreachable' });

    await relay.start(port);
    // Same client, no restart: the pool reconnects on its own.
    await expect.poll(() => checkHealth(database!.db), { timeout: 15_000, interval: 250 }).toEqual({ status: 'ok', database: 'ok' });
  });
});

describe('checkHealth warnings', () => {
  it('warns about revocations that keep failing, without failing the check', async () => {
    const database = await createTestDatabase();
    try {
      const { db } = database;
      const user = await db.user.create({ data: { email: 'h@example.com', name: 'H' } });
      const resource = await db.resource.create({ data: { slug: 'r', name: 'R', kind: 'portal' } });
      const entitlement = await db.entitlement.create({ data: { resourceId: resource.id, role: 'x' } });
      const request = await db.accessRequest.create({ data: { requesterId: user.id, entitlementId: entitlement.id, durationMinutes: 5, justification: 'x for the test', status: 'approved', expiresAt: new Date() } });
      await db.grant.create({ data: { requestId: request.id, userId: user.id, entitlementId: entitlement.id, status: 'revoking', startsAt: new Date(), expiresAt: new Date(), revokeAttempts: 7 } });
      const report = await checkHealth(db, ANSWERS_EVENTUALLY);
      expect(report).toMatchObject({ status: 'ok', database: 'ok' });
      expect(report.warnings).toEqual([expect.stringMatching(/^1 revocation\(s\) have failed 5\+ times/)]);
    } finally {
      await database.close();
    }
  });
});
