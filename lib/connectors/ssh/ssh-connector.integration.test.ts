import { execFileSync, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AppError } from '@/lib/errors';
import { generateUserKey, type Sshd, sshdMissingReason, sshRun, startSshd } from '@/lib/testing/sshd';
import type { GrantTarget } from '../types';
import { caPublicKey, loadCaKey } from './ca-key';
import { buildKrl } from './krl';
import { createSshConnector } from './ssh-connector';

// A real sshd on loopback trusting Timebox's CA; the real `ssh` client logs in. On CI a missing
// OpenSSH is a failure (.ci/run installs it), elsewhere the file is skipped with the reason printed.
const missing = sshdMissingReason();
if (missing && process.env.CI) throw new Error(`OpenSSH is required on CI: ${missing}`);
if (missing) console.warn(`skipping ssh connector tests: ${missing}`);

// Made in beforeAll, so a skipped or filtered run leaves nothing behind in /tmp.
let tmp: string;
const ca = { env: {}, dataDir: '' };
const connector = createSshConnector({ ca });

let sshd: Sshd;
let caPub: string;
let aliceKey: string;

function target(overrides: { principals?: string[]; expiresAt?: Date; grantId?: string } = {}): GrantTarget {
  return {
    grantId: overrides.grantId ?? `grant-${Math.random().toString(36).slice(2, 10)}`,
    user: { id: 'u1', email: 'alice@example.com' },
    resource: { id: 'r1', slug: 'bastion-ssh', kind: 'ssh', settings: {} },
    entitlement: { id: 'e1', role: 'login', settings: { principals: overrides.principals ?? ['ops'] } },
    startsAt: new Date(Date.now() - 60_000),
    expiresAt: overrides.expiresAt ?? new Date(Date.now() + 10 * 60_000),
    targetState: {},
  };
}

/** Signs `key` for `t` and writes the certificate where ssh looks for it (`<key>-cert.pub`). */
async function certify(t: GrantTarget, key = aliceKey) {
  const cert = await connector.signCertificate(t, fs.readFileSync(`${key}.pub`, 'utf8'));
  fs.writeFileSync(`${key}-cert.pub`, cert.certificate + '\n');
  return cert;
}

const login = (key = aliceKey, certificate: string | undefined = `${key}-cert.pub`) => sshRun(sshd, { identity: key, certificate, command: 'echo in-as-$(id -un)' });

describe.skipIf(Boolean(missing))('ssh connector against a real sshd', () => {
  beforeAll(async () => {
    tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'timebox-ssh-test-'));
    ca.dataDir = path.join(tmp, 'data');
    caPub = await caPublicKey(ca);
    sshd = await startSshd({ caPublicKey: caPub, principals: ['ops'], krl: buildKrl([], caPub) });
    aliceKey = generateUserKey(tmp, 'alice');
  });

  afterAll(async () => {
    await sshd?.stop();
    if (tmp) fs.rmSync(tmp, { recursive: true, force: true });
  });

  it('logs in with a certificate inside the grant window; the certificate carries the grant', async () => {
    const t = target();
    expect(await connector.provision(t)).toEqual({});
    const cert = await certify(t);

    const result = await login();
    expect(result.stderr).toBe('');
    expect(result).toMatchObject({ code: 0, stdout: `in-as-${sshd.user}\n` });

    expect(cert.principals).toEqual(['ops']);
    expect(cert.keyId).toBe(`timebox:${t.grantId}:alice@example.com`);
    expect(BigInt(cert.serial)).toBeGreaterThan(0n);
    expect(new Date(cert.validBefore).getTime()).toBeLessThanOrEqual(t.expiresAt.getTime());
    expect(Date.now() - new Date(cert.validAfter).getTime()).toBeGreaterThanOrEqual(59_000);
    const listed = execFileSync('ssh-keygen', ['-L', '-f', `${aliceKey}-cert.pub`], { encoding: 'utf8' });
    expect(listed).toContain(`Serial: ${cert.serial}`);
    expect(listed).toContain(`Key ID: "${cert.keyId}"`);
    expect(listed).toMatch(/permit-pty/);
    expect(listed).not.toMatch(/permit-agent-forwarding|permit-X11-forwarding|permit-user-rc/);
    expect(await connector.verify(t)).toBe(true);
  });

  it('refuses the certificate once the grant window has passed, with Timebox doing nothing (second guard)', async () => {
    // 20 s of validity: long enough that the session below is surely logged in before it ends, even on a
    // busy two-core machine (10 s was not, under load).
    const t = target({ expiresAt: new Date(Date.now() + 20_000) });
    const cert = await certify(t);
    expect((await login()).code).toBe(0);
    // A session opened inside the window: OpenSSH checks certificates at login only, so it outlives the
    // certificate (the docs say so and how hosts can bound sessions).
    const session = sshRun(sshd, { identity: aliceKey, certificate: `${aliceKey}-cert.pub`, command: 'sleep 22; echo still-here', timeoutMs: 60_000 });

    await new Promise((r) => setTimeout(r, new Date(cert.validBefore).getTime() - Date.now() + 1_100));
    const after = await login();
    expect(after.code).not.toBe(0);
    expect(after.stderr).toMatch(/Permission denied/);
    expect(sshd.logs()).toMatch(/expired|not yet valid|Certificate invalid/i);
    expect(await connector.verify(t)).toBe(false);
    expect(await session).toMatchObject({ code: 0, stdout: 'still-here\n' });
  });

  it('refuses a certificate whose serial is in the KRL (early revoke), and by key id too', async () => {
    const cert = await certify(target());
    expect((await login()).code).toBe(0);

    const krlFile = path.join(tmp, 'revoked.krl');
    sshd.writeKrl(buildKrl([cert.serial, '12345'], caPub));
    expect((await login()).code).not.toBe(0);
    fs.writeFileSync(krlFile, buildKrl([BigInt(cert.serial)], caPub));
    // OpenSSH's own reader agrees: `ssh-keygen -Q` exits 1 and prints REVOKED.
    const query = spawnSync('ssh-keygen', ['-Q', '-f', krlFile, `${aliceKey}-cert.pub`], { encoding: 'utf8' });
    expect(query.stdout).toContain('REVOKED');
    expect(query.status).toBe(1);
    expect(sshd.logs()).toMatch(/revoked/i);

    // The same certificate with the list emptied logs in again: the KRL, nothing else, refused it.
    sshd.writeKrl(buildKrl([], caPub));
    expect((await login()).code).toBe(0);

    sshd.writeKrl(buildKrl([], caPub, { keyIds: [cert.keyId] }));
    expect((await login()).code).not.toBe(0);

    // A host that cannot read its KRL lets nobody in (fail closed): hosts must always have one, even empty.
    fs.rmSync(path.join(sshd.dir, 'revoked.krl'));
    expect((await login()).code).not.toBe(0);
    sshd.writeKrl(buildKrl([], caPub));
    expect((await login()).code).toBe(0);
  });

  it('refuses a certificate for a principal the host does not map to the user', async () => {
    await certify(target({ principals: ['dba'] }));
    const result = await login();
    expect(result.code).not.toBe(0);
    expect(result.stderr).toMatch(/Permission denied/);
  });

  it('refuses a key without a certificate, and a certificate from another CA', async () => {
    const bob = generateUserKey(tmp, 'bob');
    expect((await login(bob, undefined)).code).not.toBe(0);

    const otherCa = createSshConnector({ ca: { env: {}, dataDir: path.join(tmp, 'other-ca') } });
    const cert = await otherCa.signCertificate(target(), fs.readFileSync(`${bob}.pub`, 'utf8'));
    fs.writeFileSync(`${bob}-cert.pub`, cert.certificate + '\n');
    expect((await login(bob)).code).not.toBe(0);
  });

  it('signs ecdsa and 3072-bit RSA keys, and refuses 2048-bit RSA with a clear error', async () => {
    const t = target();
    for (const [name, type, bits] of [['ec', 'ecdsa', 384], ['rsa3072', 'rsa', 3072]] as const) {
      const key = generateUserKey(tmp, name, type, bits);
      await certify(t, key);
      expect((await login(key)).code, name).toBe(0);
    }
    const weak = generateUserKey(tmp, 'rsa2048', 'rsa', 2048);
    const error = await connector.signCertificate(t, fs.readFileSync(`${weak}.pub`, 'utf8')).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AppError);
    expect(error).toMatchObject({ code: 'unprocessable', details: { field: 'publicKey' } });
    expect((error as Error).message).toMatch(/2048 bits; at least 3072/);
  });

  it('issues no certificate for an ended grant, and fails provision on misconfigured principals', async () => {
    const ended = target({ expiresAt: new Date(Date.now() - 1_000) });
    await expect(connector.signCertificate(ended, fs.readFileSync(`${aliceKey}.pub`, 'utf8'))).rejects.toMatchObject({ code: 'conflict' });
    await expect(connector.provision(target({ principals: [] }))).rejects.toThrow('ssh entitlement "login" is misconfigured: settings.principals must name at least one principal');
    await expect(connector.provision(target({ principals: ['ops,root'] }))).rejects.toThrow(/settings\.principals\[0\] must be/);
  });

  it('deprovision succeeds, twice, and lists no drift (certificates are bearer credentials)', async () => {
    const t = target();
    await connector.deprovision(t);
    await connector.deprovision(t);
    expect(await connector.listActual(t.resource, [])).toEqual([]);
  });
});

describe.skipIf(Boolean(missing))('ssh CA key', () => {
  let dir: string;
  beforeAll(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'timebox-ssh-ca-'));
  });
  afterAll(() => {
    if (dir) fs.rmSync(dir, { recursive: true, force: true });
  });

  it('generates one key under the data directory even when many callers race', async () => {
    const racing = path.join(dir, 'race');
    const keys = await Promise.all(Array.from({ length: 6 }, () => loadCaKey({ env: {}, dataDir: racing })));
    expect(new Set(keys.map((k) => k.publicKey)).size).toBe(1);
    const file = path.join(racing, 'ssh-ca', 'ca');
    expect(keys[0]).toMatchObject({ file, source: 'generated' });
    expect(fs.statSync(file).mode & 0o777).toBe(0o600);
    expect(fs.readdirSync(path.join(racing, 'ssh-ca')).sort()).toEqual(['ca', 'ca.pub']);
    expect(keys[0]!.publicKey).toMatch(/^ssh-ed25519 AAAA\S+ timebox-ssh-ca$/);
    // And the next start reads the same key back.
    expect(await caPublicKey({ env: {}, dataDir: racing })).toBe(keys[0]!.publicKey);
  });

  it('uses the key named by TIMEBOX_SSH_CA_KEY and explains what is wrong with a bad one', async () => {
    const file = path.join(dir, 'company-ca');
    execFileSync('ssh-keygen', ['-q', '-t', 'ecdsa', '-N', '', '-f', file]);
    const expected = fs.readFileSync(`${file}.pub`, 'utf8').split(' ').slice(0, 2).join(' ');
    const key = await loadCaKey({ env: { TIMEBOX_SSH_CA_KEY: file }, dataDir: path.join(dir, 'unused') });
    expect(key).toMatchObject({ file, source: 'env' });
    expect(key.publicKey.startsWith(expected + ' ')).toBe(true);
    expect(fs.existsSync(path.join(dir, 'unused'))).toBe(false);

    await expect(loadCaKey({ env: { TIMEBOX_SSH_CA_KEY: path.join(dir, 'nope') } })).rejects.toThrow(/TIMEBOX_SSH_CA_KEY names .*nope, which cannot be read \(ENOENT\)/);
    fs.chmodSync(file, 0o644);
    await expect(loadCaKey({ env: { TIMEBOX_SSH_CA_KEY: file } })).rejects.toThrow(/readable by its owner only \(chmod 600/);

    const locked = path.join(dir, 'locked-ca');
    execFileSync('ssh-keygen', ['-q', '-t', 'ed25519', '-N', 'a passphrase', '-f', locked]);
    const started = Date.now();
    await expect(loadCaKey({ env: { TIMEBOX_SSH_CA_KEY: locked } })).rejects.toThrow(/not a usable unencrypted OpenSSH private key/);
    expect(Date.now() - started).toBeLessThan(5_000);
  });
});
