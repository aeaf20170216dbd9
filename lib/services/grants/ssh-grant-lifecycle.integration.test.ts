import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { portalConnector } from '@/lib/connectors/portal/portal-connector';
import { caPublicKey, createSshConnector } from '@/lib/connectors/ssh';
import type { Connector } from '@/lib/connectors/types';
import type { ResourceKind } from '@/lib/db/generated/enums';
import { manualClock } from '@/lib/domain/clock';
import { requestAccessInput } from '@/lib/domain/request-input';
import { actorContext } from '@/lib/testing/actors';
import { requireServer } from '@/lib/testing/require-server';
import { generateUserKey, type Sshd, sshdMissingReason, sshRun, startSshd } from '@/lib/testing/sshd';
import { createTestDatabase, type TestDatabase } from '@/lib/testing/test-db';
import type { ServiceDeps } from '../deps';
import { decideRequest } from '../requests/decide-request';
import { requestAccess } from '../requests/request-access';
import { currentRevocationList } from '../ssh/revocation-list';
import { issueGrantCertificate } from './issue-certificate';
import { revokeGrant } from './revoke-grant';

// The seeded `bastion-ssh` resource end to end through the services against a real sshd on loopback
// that trusts the CA and reads the KRL: request → approval → certificate → ssh in; an early revoke
// → the KRL the service builds, installed on the host → ssh refused; a grant that runs out → the
// certificate's own validity refuses it (the second guard, no KRL needed). The CA key lives in a
// temp dir (TIMEBOX_SSH_CA_KEY), never in .data/.
const missing = sshdMissingReason();
const canRun = requireServer('OpenSSH sshd, ssh and ssh-keygen', missing ? undefined : 'yes');

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'timebox-ssh-lifecycle-'));
const caFile = path.join(tmp, 'ca');
const caKeyWas = process.env.TIMEBOX_SSH_CA_KEY;
const clock = manualClock(new Date());
let database: TestDatabase;
let deps: ServiceDeps;
let sshd: Sshd;
let identity: string;
let publicKey: string;

/** Requests the bastion login as `email` and has bob approve it; returns the active grant's id. */
async function approvedLogin(email: string, durationMinutes = 30): Promise<string> {
  const request = await requestAccess(deps, await actorContext(database.db, email), requestAccessInput.parse({ resource: 'bastion-ssh', role: 'login', durationMinutes, justification: 'OPS-7 disk full' }));
  expect(request.status).toBe('pending');
  const decided = await decideRequest(deps, await actorContext(database.db, 'bob@example.com'), { requestId: request.id, decision: 'approve' });
  expect(decided.grant).toMatchObject({ status: 'active' });
  return decided.grant!.id;
}

async function certificateFile(email: string, grantId: string, name: string): Promise<string> {
  const cert = await issueGrantCertificate(deps, await actorContext(database.db, email), { grantId, publicKey });
  expect(cert.principals).toEqual(['ops']);
  const file = path.join(tmp, `${name}-cert.pub`);
  fs.writeFileSync(file, `${cert.certificate}\n`);
  return file;
}

const installKrl = async () => sshd.writeKrl(await currentRevocationList(deps));

describe.runIf(canRun)('an ssh grant, end to end through the services', () => {
  beforeAll(async () => {
    execFileSync('ssh-keygen', ['-q', '-t', 'ed25519', '-N', '', '-C', 'test-ca', '-f', caFile]);
    fs.chmodSync(caFile, 0o600);
    // currentRevocationList reads the CA the way the server does, from the environment.
    process.env.TIMEBOX_SSH_CA_KEY = caFile;
    database = await createTestDatabase('demo');
    const ssh = createSshConnector({ clock, ca: { env: { TIMEBOX_SSH_CA_KEY: caFile } } });
    deps = { db: database.db, clock, connectors: new Map<ResourceKind, Connector>([['portal', portalConnector], ['ssh', ssh]]) };
    // The host is set up as docs/connectors-ssh.md says: the CA from ca.pub, principal `ops`, the KRL from the start.
    sshd = await startSshd({ caPublicKey: await caPublicKey({ env: { TIMEBOX_SSH_CA_KEY: caFile } }), principals: ['ops'], krl: await currentRevocationList(deps) });
    identity = generateUserKey(tmp, 'user_ed25519');
    publicKey = fs.readFileSync(`${identity}.pub`, 'utf8').trim();
  });

  afterAll(async () => {
    await sshd?.stop();
    await database?.close();
    if (caKeyWas === undefined) delete process.env.TIMEBOX_SSH_CA_KEY;
    else process.env.TIMEBOX_SSH_CA_KEY = caKeyWas;
    fs.rmSync(tmp, { recursive: true, force: true });
  });

  it('lets the holder in with the certificate, and nobody in with the bare key', async () => {
    clock.set(new Date());
    const grantId = await approvedLogin('alice@example.com');
    const cert = await certificateFile('alice@example.com', grantId, 'alice');
    const inside = await sshRun(sshd, { identity, certificate: cert, command: 'echo in-the-window' });
    expect(inside.code, sshd.logs()).toBe(0);
    expect(inside.stdout.trim()).toBe('in-the-window');
    expect((await sshRun(sshd, { identity })).code).not.toBe(0);
    await revokeGrant(deps, await actorContext(database.db, 'alice@example.com'), { grantId });
  });

  it('refuses the certificate after an early revoke, once the host has the new KRL — and not before the revoke', async () => {
    clock.set(new Date());
    const grantId = await approvedLogin('erin@example.com');
    const cert = await certificateFile('erin@example.com', grantId, 'erin');
    await installKrl();
    expect((await sshRun(sshd, { identity, certificate: cert })).code, sshd.logs()).toBe(0);

    const revoked = await revokeGrant(deps, await actorContext(database.db, 'erin@example.com'), { grantId, reason: 'done' });
    expect(revoked.status).toBe('revoked');
    await installKrl();
    const refused = await sshRun(sshd, { identity, certificate: cert });
    expect(refused.code).not.toBe(0);
    expect(refused.stderr).toMatch(/Permission denied/);
    expect(sshd.logs()).toMatch(/revoked/i);
  });

  it('refuses the certificate once the grant’s time is up, by its own validity (no KRL entry)', async () => {
    // A 1-minute grant requested 50 s "ago": it ends 10 s from now in real time, which sshd checks —
    // time enough, even on a busy machine, to approve, sign and log in once inside the window.
    const endsAt = Date.now() + 10_000;
    clock.set(new Date(endsAt - 60_000));
    const grantId = await approvedLogin('frank@example.com', 1);
    const cert = await certificateFile('frank@example.com', grantId, 'frank');
    await installKrl();
    expect((await sshRun(sshd, { identity, certificate: cert })).code, sshd.logs()).toBe(0);

    // Wait for the window to pass by asking sshd, not by sleeping: the same login is refused once it has.
    await expect.poll(async () => (await sshRun(sshd, { identity, certificate: cert })).code, { timeout: 60_000, interval: 1_000 }).not.toBe(0);
    expect(Date.now()).toBeGreaterThanOrEqual(endsAt - 1_000); // validity is whole seconds
    clock.set(new Date());
    await installKrl();
    const krlListing = execFileSync('ssh-keygen', ['-Q', '-l', '-f', path.join(sshd.dir, 'revoked.krl')], { encoding: 'utf8' });
    const { certificates } = (await database.db.grant.findUniqueOrThrow({ where: { id: grantId } })).targetState as { certificates: { serial: string }[] };
    expect(krlListing).not.toContain(certificates[0]!.serial);
    expect((await sshRun(sshd, { identity, certificate: cert })).code).not.toBe(0);
    expect(sshd.logs()).toMatch(/expired|not yet valid|Certificate invalid/i);
  });
});
