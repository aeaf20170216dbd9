import pg from 'pg';
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import fs from 'node:fs';
import { latestDrift } from '@/lib/services/reconcile/latest-drift';
import { call, type Handler } from '@/lib/testing/api-harness';
import { expectAppError } from '@/lib/testing/expect-app-error';
import { generateUserKey } from '@/lib/testing/sshd';
import { connectorApi, hasPg, postCertificate, postCredentials, request, revoke } from './connector-harness';

// The PostgreSQL connector's endpoints over HTTP, in-process against a scram-auth PostgreSQL of its own
// (so issued passwords are really checked), and /api/cron/reconcile with its CRON_SECRET finding a role
// granted by hand on that server. The SSH endpoints are in connectors-ssh.integration.test.ts.

const SECRET = 'cron-secret-for-tests-0123456789';
const ctx = connectorApi({ postgres: true });
const { pgEnv } = ctx;


async function canLogin(url: string): Promise<boolean> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 5_000 });
  client.on('error', () => {});
  try {
    await client.connect();
    await client.end();
    return true;
  } catch {
    return false;
  }
}

describe.runIf(hasPg)('POST /api/v1/grants/{id}/credentials', () => {
  let grantId: string;

  beforeAll(async () => {
    const created = await request(ctx.tokens.alice!, 'prod-postgres', 'read-only');
    expect(created.status).toBe('approved');
    grantId = created.grantId!;
  });

  it('gives the holder a working password, once, and each call replaces the last', async () => {
    const first = await postCredentials(ctx.tokens.alice!, grantId);
    expect(first.status).toBe(200);
    expect(first.headers.get('cache-control')).toBe('no-store');
    expect(Object.keys(first.json).sort()).toEqual(['database', 'expiresAt', 'host', 'kind', 'password', 'port', 'url', 'username']);
    const grant = await ctx.h.database.db.grant.findUniqueOrThrow({ where: { id: grantId } });
    expect(first.json).toMatchObject({ kind: 'postgres', username: expect.stringMatching(/^tbx_[0-9a-f]{12}$/), host: '127.0.0.1', port: ctx.target!.port, database: 'postgres', expiresAt: grant.expiresAt.toISOString() });
    expect(await canLogin(first.json.url)).toBe(true);

    const second = await postCredentials(ctx.tokens.alice!, grantId, {});
    expect(second.status).toBe(200);
    expect(second.json.password).not.toBe(first.json.password);
    expect(await canLogin(first.json.url)).toBe(false);
    expect(await canLogin(second.json.url)).toBe(true);

    // Never stored: not on the grant, not in the audit trail.
    const audit = await ctx.h.database.db.auditEvent.findMany({ where: { grantId, action: 'grant.credentials_issued' } });
    expect(audit).toHaveLength(2);
    const stored = JSON.stringify([audit.map((e) => [e.data, e.actorLabel]), grant.targetState, grant.lastError]);
    expect(stored).not.toContain(first.json.password);
    expect(stored).not.toContain(second.json.password);
  });

  it('is 404 for another user and for a malformed id, 403 without the grants scope, 401 without a token', async () => {
    expect(await postCredentials(ctx.tokens.erin!, grantId)).toMatchObject({ status: 404, json: { error: { code: 'not_found' } } });
    // Admins may read anyone's grant, but the password is the holder's alone.
    expect((await postCredentials(ctx.tokens.carol!, grantId)).status).toBe(404);
    expect((await postCredentials(ctx.tokens.alice!, 'not-a-uuid')).status).toBe(404);
    expect(await postCredentials(ctx.tokens.aliceRequestsOnly!, grantId)).toMatchObject({ status: 403, json: { error: { code: 'forbidden' } } });
    expect((await postCredentials(null, grantId)).status).toBe(401);
    expect((await postCredentials(ctx.tokens.alice!, grantId, { ttl: 5 })).status).toBe(400);
  });

  it('is 422 for kinds without passwords (portal, ssh) and the certificate endpoint is 422 for postgres', async () => {
    const portal = await request(ctx.tokens.alice!, 'api-test-flags', 'admin');
    expect(await postCredentials(ctx.tokens.alice!, portal.grantId!)).toMatchObject({ status: 422, json: { error: { code: 'unprocessable' } } });
    const key = fs.readFileSync(`${generateUserKey(ctx.tmp, 'pg-cert-key')}.pub`, 'utf8');
    expect((await postCertificate(ctx.tokens.alice!, grantId, { publicKey: key })).status).toBe(422);
  });

  it('is 503 with a readable reason (and no secret) while the target is down', async () => {
    const real = pgEnv.TARGET_PG_URL;
    pgEnv.TARGET_PG_URL = 'postgresql://postgres:hunter2-secret@127.0.0.1:1/postgres';
    try {
      const res = await postCredentials(ctx.tokens.alice!, grantId);
      expect(res.status).toBe(503);
      expect(res.json.error.code).toBe('unavailable');
      expect(res.json.error.message).toMatch(/unreachable|ECONNREFUSED/);
      expect(res.json.error.message).not.toContain('hunter2');
    } finally {
      pgEnv.TARGET_PG_URL = real;
    }
  });

  it('is 409 once the grant is no longer active, and the role is gone', async () => {
    const last = await postCredentials(ctx.tokens.alice!, grantId);
    expect((await revoke(ctx.tokens.alice!, grantId)).json.grant.status).toBe('revoked');
    expect(await postCredentials(ctx.tokens.alice!, grantId)).toMatchObject({ status: 409, json: { error: { code: 'conflict' } } });
    expect(await canLogin(last.json.url)).toBe(false);
  });
});

describe('/api/cron/reconcile', () => {
  afterEach(() => vi.unstubAllEnvs());

  async function loadRoute(cronSecret: string, mode?: 'report' | 'remove'): Promise<{ GET: Handler; POST: Handler }> {
    vi.stubEnv('CRON_SECRET', cronSecret);
    vi.stubEnv('AUTH_SECRET', 'a'.repeat(32));
    if (mode) vi.stubEnv('TIMEBOX_RECONCILE', mode);
    vi.resetModules(); // getConfig() caches: a fresh module graph reads this environment
    const { overrideServiceDeps } = await import('@/lib/services/runtime');
    overrideServiceDeps(ctx.h.deps);
    return (await import('@/app/api/cron/reconcile/route')) as unknown as { GET: Handler; POST: Handler };
  }

  it('is off (503) without CRON_SECRET and 401 with a wrong one', async () => {
    const off = await loadRoute('');
    expect((await call(off.GET, '/api/cron/reconcile', { token: SECRET })).status).toBe(503);
    const on = await loadRoute(SECRET);
    for (const handler of [on.GET, on.POST]) {
      const res = await call(handler, '/api/cron/reconcile', { method: handler === on.POST ? 'POST' : 'GET', token: `${SECRET}x` });
      expect(res.status).toBe(401);
      expect(res.json.error.code).toBe('unauthenticated');
    }
  });

  it.runIf(hasPg)('reports a role granted by hand (and an unreachable target), then removes it in remove mode', async () => {
    const admin = new pg.Client({ connectionString: ctx.target!.url });
    await admin.connect();
    await admin.query(`CREATE ROLE sneaky_api LOGIN PASSWORD 'x'; GRANT pg_read_all_data TO sneaky_api`);
    const live = await request(ctx.tokens.erin!, 'prod-postgres', 'read-only'); // a live grant is not drift

    const report = await call((await loadRoute(SECRET)).GET, '/api/cron/reconcile', { token: SECRET });
    expect(report.status).toBe(200);
    expect(report.json).toEqual({
      drift: [{ resource: 'prod-postgres', principal: 'sneaky_api', role: 'pg_read_all_data', detail: expect.anything(), removed: false }],
      removed: 0,
      restored: 0,
      failed: [{ resource: 'payments-mariadb', reason: expect.stringMatching(/unreachable|ECONNREFUSED/) }],
    });

    // The admin page reads the same run back from the audit trail.
    const latest = await latestDrift(ctx.h.deps, await ctx.h.ctxOf('carol@example.com'));
    expect(latest.run).toMatchObject({ actor: 'system:reconciler', drift: 1, removed: 0, failed: ['payments-mariadb'] });
    expect(latest.findings).toEqual([expect.objectContaining({ resource: 'prod-postgres', principal: 'sneaky_api', removed: false })]);
    await expectAppError(latestDrift(ctx.h.deps, await ctx.h.ctxOf('alice@example.com')), 'forbidden');

    const removal = await call((await loadRoute(SECRET, 'remove')).POST, '/api/cron/reconcile', { method: 'POST', token: SECRET });
    expect(removal.json).toMatchObject({ removed: 1, drift: [{ principal: 'sneaky_api', removed: true }] });
    const members = await admin.query(`SELECT 1 FROM pg_auth_members m JOIN pg_roles r ON r.oid = m.member WHERE r.rolname = 'sneaky_api'`);
    expect(members.rowCount).toBe(0);
    expect((await call((await loadRoute(SECRET)).GET, '/api/cron/reconcile', { token: SECRET })).json.drift).toEqual([]);
    expect((await latestDrift(ctx.h.deps, await ctx.h.ctxOf('carol@example.com'))).findings).toEqual([]);
    await admin.end();
    await revoke(ctx.tokens.erin!, live.grantId!);
  });
});
