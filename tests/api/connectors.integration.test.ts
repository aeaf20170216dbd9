import { execFileSync, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import * as certificateRoute from '@/app/api/v1/grants/[id]/certificate/route';
import * as credentialsRoute from '@/app/api/v1/grants/[id]/credentials/route';
import * as caRoute from '@/app/api/v1/ssh/ca.pub/route';
import * as krlRoute from '@/app/api/v1/ssh/krl/route';
import { createMysqlConnector } from '@/lib/connectors/mysql/mysql-connector';
import { portalConnector } from '@/lib/connectors/portal/portal-connector';
import { createPostgresConnector } from '@/lib/connectors/postgres/postgres-connector';
import { createSshConnector } from '@/lib/connectors/ssh';
import type { Connector } from '@/lib/connectors/types';
import type { ResourceKind } from '@/lib/db/generated/enums';
import { latestDrift } from '@/lib/services/reconcile/latest-drift';
import { expectAppError } from '@/lib/testing/expect-app-error';
import { findPgBinDir, type PgInstance, startPgInstance } from '@/lib/testing/pg-instance';
import { requireServer } from '@/lib/testing/require-server';
import { generateUserKey, sshdMissingReason } from '@/lib/testing/sshd';
import { call, createApiHarness, type ApiHarness, type Handler } from '@/lib/testing/api-harness';
import { api, at } from './routes';

// The connector endpoints over HTTP, in-process against real targets: a scram-auth PostgreSQL of its
// own (so issued passwords are really checked), a CA key in a temp dir (never .data/), ssh-keygen to
// read certificates and KRLs, and /api/cron/reconcile with its CRON_SECRET. The registry is built
// here: nothing reads this machine's TARGET_* variables.

const binDir = findPgBinDir();
const hasPg = requireServer('PostgreSQL server binaries (initdb, pg_ctl)', binDir);
const sshProblem = sshdMissingReason();
const hasSshKeygen = requireServer('ssh-keygen (openssh-client)', sshProblem?.includes('ssh-keygen') ? undefined : 'yes');

const SECRET = 'cron-secret-for-tests-0123456789';
let h: ApiHarness;
let target: PgInstance | undefined;
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'timebox-api-connectors-'));
const caFile = path.join(tmp, 'ca');
const pgEnv: Record<string, string | undefined> = {};
const tokens: Record<string, string> = {};
const caKeyWas = process.env.TIMEBOX_SSH_CA_KEY;

const credentials = credentialsRoute.POST as Handler;
const certificate = certificateRoute.POST as Handler;
const caPub = caRoute.GET as unknown as Handler;
const krl = krlRoute.GET as unknown as Handler;

const postCredentials = (token: string | null, grantId: string, body?: unknown) =>
  call(credentials, `/api/v1/grants/${grantId}/credentials`, { method: 'POST', token, params: { id: grantId }, body });
const postCertificate = (token: string | null, grantId: string, body: unknown) => call(certificate, `/api/v1/grants/${grantId}/certificate`, { method: 'POST', token, params: { id: grantId }, body });

async function request(token: string, resource: string, role: string, durationMinutes = 30): Promise<{ requestId: string; grantId: string | undefined; status: string }> {
  const res = await call(api.createRequest.handler, '/api/v1/requests', { token, body: { resource, role, durationMinutes, justification: 'INC-42 on call' } });
  expect(res.status).toBe(201);
  return { requestId: res.json.request.id, grantId: res.json.request.grant?.id, status: res.json.request.status };
}
const revoke = (token: string, grantId: string) => call(api.revoke.handler, at(api.revoke, grantId).path, { method: 'POST', token, params: at(api.revoke, grantId).params });

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

/** Fetches the KRL over the route and asks ssh-keygen whether it revokes `certFile`. */
async function krlRevokes(certFile: string): Promise<{ revoked: boolean; listing: string }> {
  const response = await krl(new Request('http://test/api/v1/ssh/krl'));
  expect(response.status).toBe(200);
  expect(response.headers.get('content-type')).toBe('application/octet-stream');
  expect(response.headers.get('cache-control')).toBe('no-store');
  const file = path.join(tmp, `krl-${Date.now()}`);
  fs.writeFileSync(file, Buffer.from(await response.arrayBuffer()));
  const query = spawnSync('ssh-keygen', ['-Q', '-f', file, certFile], { encoding: 'utf8' });
  // -Q -l prints what the KRL holds: a broken file makes ssh-keygen fail here, so this also proves it parses.
  const listing = execFileSync('ssh-keygen', ['-Q', '-l', '-f', file], { encoding: 'utf8' });
  return { revoked: query.status !== 0 && /REVOKED/.test(query.stdout + query.stderr), listing };
}

beforeAll(async () => {
  h = await createApiHarness();
  h.clock.set(new Date()); // targets check real time (VALID UNTIL, certificate validity)
  if (hasSshKeygen) {
    execFileSync('ssh-keygen', ['-q', '-t', 'ed25519', '-N', '', '-C', 'test-ca', '-f', caFile]);
    fs.chmodSync(caFile, 0o600);
  }
  // The routes and currentRevocationList read the CA from process.env, like the server does.
  process.env.TIMEBOX_SSH_CA_KEY = caFile;
  const registry: [ResourceKind, Connector][] = [
    ['portal', portalConnector],
    ['ssh', createSshConnector({ clock: h.clock })],
    // A MariaDB that is not there: reconciliation must report it as failed, not stop.
    ['mysql', createMysqlConnector({ env: { TARGET_MYSQL_URL: 'mysql://root@127.0.0.1:1/test' } })],
  ];
  if (hasPg) {
    target = await startPgInstance(binDir);
    pgEnv.TARGET_PG_URL = target.url;
    registry.push(['postgres', createPostgresConnector({ env: pgEnv })]);
  }
  h.deps.connectors = new Map(registry);

  tokens.alice = await h.token('alice@example.com', ['requests', 'grants']);
  tokens.aliceRequestsOnly = await h.token('alice@example.com', ['requests']);
  tokens.erin = await h.token('erin@example.com', ['requests', 'grants']);
  tokens.bob = await h.token('bob@example.com', ['approvals']);
  tokens.carol = await h.token('carol@example.com', ['requests', 'grants']);
});

afterAll(async () => {
  await h?.close();
  await target?.destroy();
  if (caKeyWas === undefined) delete process.env.TIMEBOX_SSH_CA_KEY;
  else process.env.TIMEBOX_SSH_CA_KEY = caKeyWas;
  fs.rmSync(tmp, { recursive: true, force: true });
});

describe.runIf(hasPg)('POST /api/v1/grants/{id}/credentials', () => {
  let grantId: string;

  beforeAll(async () => {
    const created = await request(tokens.alice!, 'prod-postgres', 'read-only');
    expect(created.status).toBe('approved');
    grantId = created.grantId!;
  });

  it('gives the holder a working password, once, and each call replaces the last', async () => {
    const first = await postCredentials(tokens.alice!, grantId);
    expect(first.status).toBe(200);
    expect(first.headers.get('cache-control')).toBe('no-store');
    expect(Object.keys(first.json).sort()).toEqual(['database', 'expiresAt', 'host', 'kind', 'password', 'port', 'url', 'username']);
    const grant = await h.database.db.grant.findUniqueOrThrow({ where: { id: grantId } });
    expect(first.json).toMatchObject({ kind: 'postgres', username: expect.stringMatching(/^tbx_[0-9a-f]{12}$/), host: '127.0.0.1', port: target!.port, database: 'postgres', expiresAt: grant.expiresAt.toISOString() });
    expect(await canLogin(first.json.url)).toBe(true);

    const second = await postCredentials(tokens.alice!, grantId, {});
    expect(second.status).toBe(200);
    expect(second.json.password).not.toBe(first.json.password);
    expect(await canLogin(first.json.url)).toBe(false);
    expect(await canLogin(second.json.url)).toBe(true);

    // Never stored: not on the grant, not in the audit trail.
    const audit = await h.database.db.auditEvent.findMany({ where: { grantId, action: 'grant.credentials_issued' } });
    expect(audit).toHaveLength(2);
    const stored = JSON.stringify([audit.map((e) => [e.data, e.actorLabel]), grant.targetState, grant.lastError]);
    expect(stored).not.toContain(first.json.password);
    expect(stored).not.toContain(second.json.password);
  });

  it('is 404 for another user and for a malformed id, 403 without the grants scope, 401 without a token', async () => {
    expect(await postCredentials(tokens.erin!, grantId)).toMatchObject({ status: 404, json: { error: { code: 'not_found' } } });
    // Admins may read anyone's grant, but the password is the holder's alone.
    expect((await postCredentials(tokens.carol!, grantId)).status).toBe(404);
    expect((await postCredentials(tokens.alice!, 'not-a-uuid')).status).toBe(404);
    expect(await postCredentials(tokens.aliceRequestsOnly!, grantId)).toMatchObject({ status: 403, json: { error: { code: 'forbidden' } } });
    expect((await postCredentials(null, grantId)).status).toBe(401);
    expect((await postCredentials(tokens.alice!, grantId, { ttl: 5 })).status).toBe(400);
  });

  it('is 422 for kinds without passwords (portal, ssh) and the certificate endpoint is 422 for postgres', async () => {
    const portal = await request(tokens.alice!, 'api-test-flags', 'admin');
    expect(await postCredentials(tokens.alice!, portal.grantId!)).toMatchObject({ status: 422, json: { error: { code: 'unprocessable' } } });
    const key = fs.readFileSync(`${generateUserKey(tmp, 'pg-cert-key')}.pub`, 'utf8');
    expect((await postCertificate(tokens.alice!, grantId, { publicKey: key })).status).toBe(422);
  });

  it('is 503 with a readable reason (and no secret) while the target is down', async () => {
    const real = pgEnv.TARGET_PG_URL;
    pgEnv.TARGET_PG_URL = 'postgresql://postgres:hunter2-secret@127.0.0.1:1/postgres';
    try {
      const res = await postCredentials(tokens.alice!, grantId);
      expect(res.status).toBe(503);
      expect(res.json.error.code).toBe('unavailable');
      expect(res.json.error.message).toMatch(/unreachable|ECONNREFUSED/);
      expect(res.json.error.message).not.toContain('hunter2');
    } finally {
      pgEnv.TARGET_PG_URL = real;
    }
  });

  it('is 409 once the grant is no longer active, and the role is gone', async () => {
    const last = await postCredentials(tokens.alice!, grantId);
    expect((await revoke(tokens.alice!, grantId)).json.grant.status).toBe('revoked');
    expect(await postCredentials(tokens.alice!, grantId)).toMatchObject({ status: 409, json: { error: { code: 'conflict' } } });
    expect(await canLogin(last.json.url)).toBe(false);
  });
});

describe.runIf(hasSshKeygen)('SSH: certificate, ca.pub and krl', () => {
  let grantId: string;
  let keyFile: string;
  let certFile: string;

  beforeAll(async () => {
    const created = await request(tokens.alice!, 'bastion-ssh', 'login');
    expect(created.status).toBe('pending');
    const approved = await call(api.approve.handler, at(api.approve, created.requestId).path, { method: 'POST', token: tokens.bob!, params: at(api.approve, created.requestId).params });
    expect(approved.json.request.grant.status).toBe('active');
    grantId = approved.json.request.grant.id;
    keyFile = generateUserKey(tmp, 'alice_ed25519');
    certFile = path.join(tmp, 'alice_ed25519-cert.pub');
  });

  it('serves the CA public key without a token, as text', async () => {
    const res = await caPub(new Request('http://test/api/v1/ssh/ca.pub'));
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^text\/plain/);
    const [type, base64] = fs.readFileSync(`${caFile}.pub`, 'utf8').trim().split(/\s+/);
    expect(await res.text()).toBe(`${type} ${base64} timebox-ssh-ca\n`);
  });

  it('signs the holder’s key with that CA: principals from the entitlement, validity ending with the grant', async () => {
    const publicKey = fs.readFileSync(`${keyFile}.pub`, 'utf8').trim();
    const res = await postCertificate(tokens.alice!, grantId, { publicKey, remember: true });
    expect(res.status).toBe(200);
    expect(res.headers.get('cache-control')).toBe('no-store');
    const grant = await h.database.db.grant.findUniqueOrThrow({ where: { id: grantId } });
    expect(res.json).toMatchObject({ principals: ['ops'], validBefore: new Date(Math.floor(grant.expiresAt.getTime() / 1000) * 1000).toISOString() });
    expect(res.json.certificate).toMatch(/^ssh-ed25519-cert-v01@openssh\.com /);
    fs.writeFileSync(certFile, `${res.json.certificate}\n`);

    const shown = execFileSync('ssh-keygen', ['-L', '-f', certFile], { encoding: 'utf8' });
    const caFingerprint = execFileSync('ssh-keygen', ['-l', '-f', `${caFile}.pub`], { encoding: 'utf8' }).split(' ')[1]!;
    expect(shown).toContain(`Signing CA: ED25519 ${caFingerprint}`);
    expect(shown).toMatch(/Principals: \n\s+ops\n/);
    expect(shown).toContain(`Serial: ${res.json.serial}`);
    expect((await h.database.db.user.findUniqueOrThrow({ where: { email: 'alice@example.com' } })).sshPublicKey).toBe(publicKey);
  });

  it('refuses bad keys (422 on publicKey), other users (404), the wrong scope (403)', async () => {
    const bad = await postCertificate(tokens.alice!, grantId, { publicKey: 'ssh-dss AAAAB3NzaC1kc3MAAACBAP' });
    expect(bad).toMatchObject({ status: 422, json: { error: { code: 'unprocessable', fields: { publicKey: expect.any(String) } } } });
    // A pasted private key is a 422 on publicKey (it was a 503 "CA not available"), on any grant id.
    const privateKey = fs.readFileSync(keyFile, 'utf8');
    for (const id of [grantId, 'c0ffee00-0000-4000-8000-000000000000']) {
      const pasted = await postCertificate(tokens.alice!, id, { publicKey: privateKey });
      expect(pasted).toMatchObject({ status: 422, json: { error: { fields: { publicKey: expect.stringMatching(/private key/) } } } });
      expect(JSON.stringify(pasted.json)).not.toContain(privateKey.split('\n')[1]!);
    }
    expect((await postCertificate(tokens.alice!, grantId, {})).status).toBe(400);
    const publicKey = fs.readFileSync(`${keyFile}.pub`, 'utf8');
    expect((await postCertificate(tokens.erin!, grantId, { publicKey })).status).toBe(404);
    expect((await postCertificate(tokens.aliceRequestsOnly!, grantId, { publicKey })).status).toBe(403);
    expect((await postCertificate(null, grantId, { publicKey })).status).toBe(401);
    expect((await postCredentials(tokens.alice!, grantId)).status).toBe(422);
  });

  it('lists the certificate in the KRL after an early revoke, and not before', async () => {
    const before = await krlRevokes(certFile);
    expect(before.revoked).toBe(false);
    const { certificates } = (await h.database.db.grant.findUniqueOrThrow({ where: { id: grantId } })).targetState as { certificates: { serial: string }[] };
    expect(before.listing).not.toContain(`serial: ${certificates[0]!.serial}`);

    expect((await revoke(tokens.alice!, grantId)).json.grant.status).toBe('revoked');
    const after = await krlRevokes(certFile);
    expect(after.revoked).toBe(true);
    expect(after.listing).toContain(`serial: ${certificates[0]!.serial}`);

    const publicKey = fs.readFileSync(`${keyFile}.pub`, 'utf8');
    expect((await postCertificate(tokens.alice!, grantId, { publicKey })).status).toBe(409);
  });
});

describe.runIf(hasSshKeygen)('SSH endpoints when the CA key cannot be read', () => {
  afterEach(() => {
    process.env.TIMEBOX_SSH_CA_KEY = caFile;
  });

  it('krl still answers a valid (empty) KRL, with 503 so `curl -f` keeps the host’s previous list; ca.pub hides the path', async () => {
    process.env.TIMEBOX_SSH_CA_KEY = path.join(tmp, 'no-such-ca');
    const res = await krl(new Request('http://test/api/v1/ssh/krl'));
    expect(res.status).toBe(503);
    expect(res.headers.get('cache-control')).toBe('no-store');
    const file = path.join(tmp, 'fallback.krl');
    fs.writeFileSync(file, Buffer.from(await res.arrayBuffer()));
    expect(() => execFileSync('ssh-keygen', ['-Q', '-l', '-f', file], { stdio: 'pipe' })).not.toThrow();

    const ca = await caPub(new Request('http://test/api/v1/ssh/ca.pub'));
    expect(ca.status).toBe(503);
    expect(await ca.text()).not.toContain('no-such-ca');
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
    overrideServiceDeps(h.deps);
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
    const admin = new pg.Client({ connectionString: target!.url });
    await admin.connect();
    await admin.query(`CREATE ROLE sneaky_api LOGIN PASSWORD 'x'; GRANT pg_read_all_data TO sneaky_api`);
    const live = await request(tokens.erin!, 'prod-postgres', 'read-only'); // a live grant is not drift

    const report = await call((await loadRoute(SECRET)).GET, '/api/cron/reconcile', { token: SECRET });
    expect(report.status).toBe(200);
    expect(report.json).toEqual({
      drift: [{ resource: 'prod-postgres', principal: 'sneaky_api', role: 'pg_read_all_data', detail: expect.anything(), removed: false }],
      removed: 0,
      restored: 0,
      failed: [{ resource: 'payments-mariadb', reason: expect.stringMatching(/unreachable|ECONNREFUSED/) }],
    });

    // The admin page reads the same run back from the audit trail.
    const latest = await latestDrift(h.deps, await h.ctxOf('carol@example.com'));
    expect(latest.run).toMatchObject({ actor: 'system:reconciler', drift: 1, removed: 0, failed: ['payments-mariadb'] });
    expect(latest.findings).toEqual([expect.objectContaining({ resource: 'prod-postgres', principal: 'sneaky_api', removed: false })]);
    await expectAppError(latestDrift(h.deps, await h.ctxOf('alice@example.com')), 'forbidden');

    const removal = await call((await loadRoute(SECRET, 'remove')).POST, '/api/cron/reconcile', { method: 'POST', token: SECRET });
    expect(removal.json).toMatchObject({ removed: 1, drift: [{ principal: 'sneaky_api', removed: true }] });
    const members = await admin.query(`SELECT 1 FROM pg_auth_members m JOIN pg_roles r ON r.oid = m.member WHERE r.rolname = 'sneaky_api'`);
    expect(members.rowCount).toBe(0);
    expect((await call((await loadRoute(SECRET)).GET, '/api/cron/reconcile', { token: SECRET })).json.drift).toEqual([]);
    expect((await latestDrift(h.deps, await h.ctxOf('carol@example.com'))).findings).toEqual([]);
    await admin.end();
    await revoke(tokens.erin!, live.grantId!);
  });
});
