import net from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { defaultConnectors } from '@/lib/connectors/registry';
import { connectDatabase, type Database } from '@/lib/db/client';
import { isDatabaseUnavailable } from '@/lib/db/outage';
import { manualClock } from '@/lib/domain/clock';
import { overrideServiceDeps } from '@/lib/services/runtime';
import { call } from '@/lib/testing/api-harness';
import { api } from './routes';
import { freePort } from '@/lib/testing/free-port';

// A database outage, for real: the app's Prisma client pointed at a loopback port where nothing listens,
// and at one whose server hangs up on every connection (a PostgreSQL that dies under us). The API must say
// "come back later" (503 + Retry-After), not "we have a bug" (500).

const wellFormedToken = `tbx_${'A'.repeat(43)}`;


let hangUp: net.Server;
const databases: Database[] = [];

beforeAll(async () => {
  hangUp = net.createServer((socket) => socket.destroy());
  await new Promise<void>((resolve) => hangUp.listen(0, '127.0.0.1', resolve));
});
afterAll(async () => {
  overrideServiceDeps(null);
  for (const database of databases) await database.close().catch(() => {});
  await new Promise<void>((resolve) => hangUp.close(() => resolve()));
});

async function downAt(port: number) {
  const database = await connectDatabase({ kind: 'postgres', url: `postgresql://postgres@127.0.0.1:${port}/postgres?connect_timeout=2` });
  databases.push(database);
  overrideServiceDeps({ db: database.db, clock: manualClock('2026-03-02T10:00:00Z'), connectors: defaultConnectors() });
  return database;
}

describe('during a database outage', () => {
  it.each([
    ['nothing listens', () => freePort()],
    ['the server hangs up', async () => (hangUp.address() as net.AddressInfo).port],
  ])('the API answers 503 with Retry-After when %s', async (_, port) => {
    const database = await downAt(await port());
    const error = await database.db.user.count().catch((e: unknown) => e);
    expect(isDatabaseUnavailable(error)).toBe(true);

    for (const endpoint of [api.listRequests, api.listGrants, api.check]) {
      const query = endpoint === api.check ? '?user=alice%40example.com&resource=x&role=y' : '';
      const res = await call(endpoint.handler, endpoint.path + query, { token: wellFormedToken });
      expect(res.status).toBe(503);
      expect(res.headers.get('retry-after')).toMatch(/^\d+$/);
      expect(res.json.error).toMatchObject({ code: 'unavailable' });
      expect(JSON.stringify(res.json)).not.toMatch(/127\.0\.0\.1|prisma|P1001/i);
    }
  });

  it('is not mistaken for other errors', () => {
    expect(isDatabaseUnavailable(new Error('boom'))).toBe(false);
    expect(isDatabaseUnavailable({ code: 'P2002' })).toBe(false);
    expect(isDatabaseUnavailable({ code: '22003' })).toBe(false);
    expect(isDatabaseUnavailable({ code: '57P01' })).toBe(true);
  });
});
