import { execFileSync, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import * as caRoute from '@/app/api/v1/ssh/ca.pub/route';
import * as krlRoute from '@/app/api/v1/ssh/krl/route';
import { call, type Handler } from '@/lib/testing/api-harness';
import { generateUserKey } from '@/lib/testing/sshd';
import { connectorApi, hasSshKeygen, postCertificate, postCredentials, request, revoke } from './connector-harness';
import { api, at } from './routes';

// The SSH connector's endpoints over HTTP, in-process: certificates signed by a CA key in a temp dir,
// read back (and KRLs checked) with ssh-keygen. The PostgreSQL endpoints are in connectors-postgres.

const ctx = connectorApi({ postgres: false });
const { tmp, caFile } = ctx;
const caPub = caRoute.GET as unknown as Handler;
const krl = krlRoute.GET as unknown as Handler;


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

describe.runIf(hasSshKeygen)('SSH: certificate, ca.pub and krl', () => {
  let grantId: string;
  let keyFile: string;
  let certFile: string;

  beforeAll(async () => {
    const created = await request(ctx.tokens.alice!, 'bastion-ssh', 'login');
    expect(created.status).toBe('pending');
    const approved = await call(api.approve.handler, at(api.approve, created.requestId).path, { method: 'POST', token: ctx.tokens.bob!, params: at(api.approve, created.requestId).params });
    expect(approved.json.request.grant.status).toBe('active');
    grantId = approved.json.request.grant.id;
    keyFile = generateUserKey(ctx.tmp, 'alice_ed25519');
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
    const res = await postCertificate(ctx.tokens.alice!, grantId, { publicKey, remember: true });
    expect(res.status).toBe(200);
    expect(res.headers.get('cache-control')).toBe('no-store');
    const grant = await ctx.h.database.db.grant.findUniqueOrThrow({ where: { id: grantId } });
    expect(res.json).toMatchObject({ principals: ['ops'], validBefore: new Date(Math.floor(grant.expiresAt.getTime() / 1000) * 1000).toISOString() });
    expect(res.json.certificate).toMatch(/^ssh-ed25519-cert-v01@openssh\.com /);
    fs.writeFileSync(certFile, `${res.json.certificate}\n`);

    const shown = execFileSync('ssh-keygen', ['-L', '-f', certFile], { encoding: 'utf8' });
    const caFingerprint = execFileSync('ssh-keygen', ['-l', '-f', `${caFile}.pub`], { encoding: 'utf8' }).split(' ')[1]!;
    expect(shown).toContain(`Signing CA: ED25519 ${caFingerprint}`);
    expect(shown).toMatch(/Principals: \n\s+ops\n/);
    expect(shown).toContain(`Serial: ${res.json.serial}`);
    expect((await ctx.h.database.db.user.findUniqueOrThrow({ where: { email: 'alice@example.com' } })).sshPublicKey).toBe(publicKey);
  });

  it('refuses bad keys (422 on publicKey), other users (404), the wrong scope (403)', async () => {
    const bad = await postCertificate(ctx.tokens.alice!, grantId, { publicKey: 'ssh-dss AAAAB3NzaC1kc3MAAACBAP' });
    expect(bad).toMatchObject({ status: 422, json: { error: { code: 'unprocessable', fields: { publicKey: expect.any(String) } } } });
    // A pasted private key is a 422 on publicKey (it was a 503 "CA not available"), on any grant id.
    const privateKey = fs.readFileSync(keyFile, 'utf8');
    for (const id of [grantId, 'c0ffee00-0000-4000-8000-000000000000']) {
      const pasted = await postCertificate(ctx.tokens.alice!, id, { publicKey: privateKey });
      expect(pasted).toMatchObject({ status: 422, json: { error: { fields: { publicKey: expect.stringMatching(/private key/) } } } });
      expect(JSON.stringify(pasted.json)).not.toContain(privateKey.split('\n')[1]!);
    }
    expect((await postCertificate(ctx.tokens.alice!, grantId, {})).status).toBe(400);
    const publicKey = fs.readFileSync(`${keyFile}.pub`, 'utf8');
    expect((await postCertificate(ctx.tokens.erin!, grantId, { publicKey })).status).toBe(404);
    expect((await postCertificate(ctx.tokens.aliceRequestsOnly!, grantId, { publicKey })).status).toBe(403);
    expect((await postCertificate(null, grantId, { publicKey })).status).toBe(401);
    expect((await postCredentials(ctx.tokens.alice!, grantId)).status).toBe(422);
  });

  it('lists the certificate in the KRL after an early revoke, and not before', async () => {
    const before = await krlRevokes(certFile);
    expect(before.revoked).toBe(false);
    const { certificates } = (await ctx.h.database.db.grant.findUniqueOrThrow({ where: { id: grantId } })).targetState as { certificates: { serial: string }[] };
    expect(before.listing).not.toContain(`serial: ${certificates[0]!.serial}`);

    expect((await revoke(ctx.tokens.alice!, grantId)).json.grant.status).toBe('revoked');
    const after = await krlRevokes(certFile);
    expect(after.revoked).toBe(true);
    expect(after.listing).toContain(`serial: ${certificates[0]!.serial}`);

    const publicKey = fs.readFileSync(`${keyFile}.pub`, 'utf8');
    expect((await postCertificate(ctx.tokens.alice!, grantId, { publicKey })).status).toBe(409);
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
