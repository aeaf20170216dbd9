import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { minutes } from '@/lib/domain/clock';
import { call, createApiHarness, type ApiHarness, type Handler } from '@/lib/testing/api-harness';
import { api } from './routes';

// /api/cron/expire, with the real route module reading CRON_SECRET through getConfig().
// getConfig() caches, so each case loads a fresh copy of the module graph with its own environment.

const SECRET = 'cron-secret-for-tests-0123456789';
let h: ApiHarness;

beforeAll(async () => {
  h = await createApiHarness();
});
afterAll(async () => h?.close());
afterEach(() => vi.unstubAllEnvs());

async function loadRoute(cronSecret: string): Promise<{ GET: Handler; POST: Handler }> {
  vi.stubEnv('CRON_SECRET', cronSecret);
  vi.stubEnv('AUTH_SECRET', 'a'.repeat(32)); // required by the config when a DATABASE_URL is around
  vi.resetModules();
  const { overrideServiceDeps } = await import('@/lib/services/runtime');
  overrideServiceDeps(h.deps); // the override lives on globalThis, but say it again for the fresh module
  return (await import('@/app/api/cron/expire/route')) as unknown as { GET: Handler; POST: Handler };
}

describe('/api/cron/expire', () => {
  it('is off (503) while CRON_SECRET is not set', async () => {
    const route = await loadRoute('');
    const res = await call(route.GET, '/api/cron/expire', { token: SECRET });
    expect(res.status).toBe(503);
    expect(res.json).toEqual({ error: { code: 'unavailable', message: 'CRON_SECRET is not set' } });
  });

  it.each([
    ['no header', {}],
    ['a wrong secret', { authorization: `Bearer ${SECRET}x` }],
    ['a prefix of the secret', { authorization: `Bearer ${SECRET.slice(0, 20)}` }],
    ['the secret without Bearer', { authorization: SECRET }],
  ])('answers 401 to %s', async (_, headers) => {
    const route = await loadRoute(SECRET);
    for (const handler of [route.GET, route.POST]) {
      const res = await call(handler, '/api/cron/expire', { method: handler === route.POST ? 'POST' : 'GET', headers });
      expect(res.status).toBe(401);
      expect(res.json.error.code).toBe('unauthenticated');
    }
  });

  it('runs the sweep with the secret and answers its summary (GET and POST)', async () => {
    const alice = await h.token('alice@example.com', ['requests']);
    const created = await call(api.createRequest.handler, '/api/v1/requests', { token: alice, body: { resource: 'api-test-flags', role: 'admin', durationMinutes: 30 } });
    const grantId: string = created.json.request.grant.id;
    const pending = await call(api.createRequest.handler, '/api/v1/requests', { token: alice, body: { resource: 'feature-flags', role: 'editor', durationMinutes: 30, justification: 'x for the test' } });
    expect(pending.json.request.status).toBe('pending');

    const route = await loadRoute(SECRET);
    const idle = await call(route.GET, '/api/cron/expire', { token: SECRET });
    expect(idle.status).toBe(200);
    expect(idle.headers.get('cache-control')).toBe('no-store');
    // Nothing due; the audit events the two requests wrote are sealed into the chain.
    expect(idle.json).toEqual({ requestsExpired: 0, grantsActivated: 0, activationsFailed: 0, provisioningResumed: 0, grantsEnding: 0, grantsEnded: 0, deprovisionRetries: 0, auditEventsSealed: expect.any(Number), auditCheckpointWritten: expect.any(Boolean), notificationsSent: 0 });
    expect(idle.json.auditEventsSealed).toBeGreaterThan(0);
    expect(await h.database.db.auditEvent.count({ where: { hash: null } })).toBe(0);

    h.clock.advance(minutes(60 * 24 + 1)); // past the grant's end and the pending request's TTL
    const swept = await call(route.POST, '/api/cron/expire', { method: 'POST', token: SECRET });
    expect(swept.status).toBe(200);
    expect(swept.json).toMatchObject({ requestsExpired: 1, grantsEnding: 1, grantsEnded: 1 });
    expect((await h.database.db.grant.findUniqueOrThrow({ where: { id: grantId } })).status).toBe('expired');
    expect((await h.database.db.accessRequest.findUniqueOrThrow({ where: { id: pending.json.request.id } })).status).toBe('expired');
  });
});
