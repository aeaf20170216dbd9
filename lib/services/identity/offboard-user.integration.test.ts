import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadActor } from '@/lib/auth/load-actor';
import { portalConnector } from '@/lib/connectors/portal/portal-connector';
import { createPostgresConnector } from '@/lib/connectors/postgres/postgres-connector';
import { caPublicKey, createSshConnector } from '@/lib/connectors/ssh';
import type { Connector } from '@/lib/connectors/types';
import type { ResourceKind } from '@/lib/db/generated/enums';
import { manualClock } from '@/lib/domain/clock';
import { requestAccessInput } from '@/lib/domain/request-input';
import { actorContext } from '@/lib/testing/actors';
import { expectAppError } from '@/lib/testing/expect-app-error';
import { findPgBinDir, type PgInstance, startPgInstance } from '@/lib/testing/pg-instance';
import { requireServer } from '@/lib/testing/require-server';
import { scimClient } from '@/lib/testing/scim-client';
import { generateUserKey, type Sshd, sshdMissingReason, sshRun, startSshd } from '@/lib/testing/sshd';
import { createTestDatabase, type TestDatabase } from '@/lib/testing/test-db';
import type { ServiceDeps } from '../deps';
import { issueGrantCertificate } from '../grants/issue-certificate';
import { issueGrantCredentials } from '../grants/issue-credentials';
import { decideRequest } from '../requests/decide-request';
import { requestAccess } from '../requests/request-access';
import { currentRevocationList } from '../ssh/revocation-list';
import { authenticateToken } from '../tokens/authenticate-token';
import { createScimToken } from '../scim/scim-token';
import { createApiToken } from '../tokens/create-api-token';
import { disableUser, enableUser } from './manage-users';
import { canLoginPg as canLogin, connectPg as connect } from '@/lib/testing/pg-login';

// Offboarding against real targets: a PostgreSQL instance of its own (scram auth, so a login really is
// refused) and a real sshd that trusts the CA and reads the KRL the service builds. Disabling a user
// must end everything in one go: sessions on the database killed, the certificate revoked, tokens dead,
// pending requests cancelled, approvals no longer counted.
const binDir = findPgBinDir();
const sshMissing = sshdMissingReason();
const canRun = requireServer('PostgreSQL server binaries and OpenSSH sshd', binDir && !sshMissing ? 'yes' : undefined);

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'timebox-offboard-'));
const caFile = path.join(tmp, 'ca');
const caKeyWas = process.env.TIMEBOX_SSH_CA_KEY;
const clock = manualClock(new Date());
const env: Record<string, string | undefined> = {};
let target: PgInstance;
let sshd: Sshd;
let identity: string;
let database: TestDatabase;
let deps: ServiceDeps;

const as = (email: string) => actorContext(database.db, email);
const userId = async (email: string) => (await database.db.user.findUniqueOrThrow({ where: { email } })).id;

describe.runIf(canRun)('offboarding a user', () => {
  beforeAll(async () => {
    execFileSync('ssh-keygen', ['-q', '-t', 'ed25519', '-N', '', '-C', 'test-ca', '-f', caFile]);
    fs.chmodSync(caFile, 0o600);
    process.env.TIMEBOX_SSH_CA_KEY = caFile;
    target = await startPgInstance(binDir);
    env.TARGET_PG_URL = target.url;
    database = await createTestDatabase('demo');
    const ssh = createSshConnector({ clock, ca: { env: { TIMEBOX_SSH_CA_KEY: caFile } } });
    deps = {
      db: database.db,
      clock,
      connectors: new Map<ResourceKind, Connector>([['portal', portalConnector], ['postgres', createPostgresConnector({ env })], ['ssh', ssh]]),
    };
    const krl = await currentRevocationList(deps);
    sshd = await startSshd({ caPublicKey: await caPublicKey({ env: { TIMEBOX_SSH_CA_KEY: caFile } }), principals: ['ops'], krl });
    identity = generateUserKey(tmp, 'user_ed25519');
  });

  afterAll(async () => {
    await sshd?.stop();
    await database?.close();
    await target?.destroy();
    if (caKeyWas === undefined) delete process.env.TIMEBOX_SSH_CA_KEY;
    else process.env.TIMEBOX_SSH_CA_KEY = caKeyWas;
    fs.rmSync(tmp, { recursive: true, force: true });
  });

  it('ends every grant, session, request and token of the user in one call', async () => {
    clock.set(new Date());
    const alice = await as('alice@example.com');
    // A live database grant with an open session.
    const pgRequest = await requestAccess(deps, alice, requestAccessInput.parse({ resource: 'prod-postgres', role: 'read-only', durationMinutes: 60, justification: 'INC-9 for the test' }));
    const creds = await issueGrantCredentials(deps, alice, { grantId: pgRequest.grant!.id });
    const session = await connect(creds.url);
    expect((await session.query('SELECT 1 AS one')).rows).toEqual([{ one: 1 }]);
    // A live SSH grant with a certificate that logs in.
    const sshRequest = await requestAccess(deps, alice, requestAccessInput.parse({ resource: 'bastion-ssh', role: 'login', durationMinutes: 30, justification: 'OPS-7 for the test' }));
    const sshGrant = (await decideRequest(deps, await as('bob@example.com'), { requestId: sshRequest.id, decision: 'approve' })).grant!;
    const cert = await issueGrantCertificate(deps, alice, { grantId: sshGrant.id, publicKey: fs.readFileSync(`${identity}.pub`, 'utf8').trim() });
    const certFile = path.join(tmp, 'alice-cert.pub');
    fs.writeFileSync(certFile, `${cert.certificate}\n`);
    expect((await sshRun(sshd, { identity, certificate: certFile, command: 'true' })).code, sshd.logs()).toBe(0);
    // A pending request and an API token.
    const pending = await requestAccess(deps, alice, requestAccessInput.parse({ resource: 'billing-console', role: 'operator', durationMinutes: 30, justification: 'refund for the test' }));
    expect(pending.status).toBe('pending');
    const { secret } = await createApiToken(deps, alice, { name: 'laptop', scopes: ['requests'] });
    expect(await authenticateToken(deps, secret)).not.toBeNull();

    const started = performance.now();
    const summary = await disableUser(deps, await as('carol@example.com'), { userId: alice.actor.id });
    // Time from the call to the user's open database session being dead.
    await expect.poll(async () => session.query('SELECT 1').then(() => 'alive', () => 'killed'), { timeout: 10_000, interval: 20 }).toBe('killed');
    const killedMs = performance.now() - started;
    console.log(`offboarding: disable call to PostgreSQL session killed ${killedMs.toFixed(0)} ms`);

    expect(summary).toEqual({ userId: alice.actor.id, disabled: true, requestsCancelled: 1, approvalsVoided: 0, tokensRevoked: 1, grantsEnded: 2 });
    expect(await canLogin(creds.url)).toBe(false);
    expect(await loadActor(database.db, alice.actor.id)).toBeNull();
    expect(await authenticateToken(deps, secret)).toBeNull();
    expect(await database.db.accessRequest.findUniqueOrThrow({ where: { id: pending.id } })).toMatchObject({ status: 'cancelled' });
    const grants = await database.db.grant.findMany({ where: { userId: alice.actor.id } });
    expect(grants.map((g) => [g.status, g.revokeReason, g.endReason])).toEqual([
      ['revoked', 'user_disabled', 'revoked'],
      ['revoked', 'user_disabled', 'revoked'],
    ]);

    // The certificate is in the KRL the service builds, and the host refuses it once it has that KRL.
    await sshd.writeKrl(await currentRevocationList(deps));
    const listing = execFileSync('ssh-keygen', ['-Q', '-l', '-f', path.join(sshd.dir, 'revoked.krl')], { encoding: 'utf8' });
    expect(listing).toContain(cert.serial);
    const refused = await sshRun(sshd, { identity, certificate: certFile, command: 'true' });
    expect(refused.code).not.toBe(0);

    const disabledEvent = await database.db.auditEvent.findFirstOrThrow({ where: { action: 'user.disabled' } });
    expect(disabledEvent).toMatchObject({ actorLabel: 'carol@example.com', data: { email: 'alice@example.com', via: 'portal', grantsEnded: 2, tokensRevoked: 1 } });
    const grantActions = (await database.db.auditEvent.findMany({ where: { grantId: pgRequest.grant!.id }, orderBy: { seq: 'asc' } })).map((e) => e.action);
    expect(grantActions.slice(-2)).toEqual(['grant.revoke_requested', 'grant.revoked']);
  });

  it('is harmless to repeat, and enabling again gives nothing back', async () => {
    const carol = await as('carol@example.com');
    const alice = await userId('alice@example.com');
    expect(await disableUser(deps, carol, { userId: alice })).toMatchObject({ disabled: false, grantsEnded: 0 });
    await enableUser(deps, carol, { userId: alice });
    expect(await loadActor(database.db, alice)).not.toBeNull();
    expect(await database.db.grant.count({ where: { userId: alice, status: { in: ['scheduled', 'active', 'revoking'] } } })).toBe(0);
    expect(await database.db.apiToken.count({ where: { userId: alice, revokedAt: null } })).toBe(0);
    expect((await database.db.auditEvent.findMany({ where: { action: { in: ['user.disabled', 'user.enabled'] } } })).map((e) => e.action)).toEqual(['user.disabled', 'user.enabled']);
  });

  it("stops an offboarded approver's approval counting on a pending request", async () => {
    // billing-console needs two distinct approvals.
    const request = await requestAccess(deps, await as('erin@example.com'), requestAccessInput.parse({ resource: 'billing-console', role: 'operator', durationMinutes: 30, justification: 'refund run' }));
    await decideRequest(deps, await as('bob@example.com'), { requestId: request.id, decision: 'approve' });
    expect((await disableUser(deps, await as('carol@example.com'), { userId: await userId('bob@example.com') })).approvalsVoided).toBe(1);
    const afterFrank = await decideRequest(deps, await as('frank@example.com'), { requestId: request.id, decision: 'approve' });
    expect(afterFrank.status).toBe('pending');
    expect(afterFrank.approvals).toMatchObject({ approved: 1 });
    expect(await database.db.auditEvent.count({ where: { action: 'review.voided', requestId: request.id } })).toBe(1);
  });

  it('is for admins only, and never on your own account', async () => {
    const erin = await userId('erin@example.com');
    await expectAppError(disableUser(deps, await as('dave@example.com'), { userId: erin }), 'forbidden');
    await expectAppError(disableUser(deps, await as('frank@example.com'), { userId: erin }), 'forbidden');
    const carol = await as('carol@example.com');
    await expectAppError(disableUser(deps, carol, { userId: carol.actor.id }), 'conflict');
    expect(await loadActor(database.db, erin)).not.toBeNull();
  });

  it('ends the PostgreSQL session of a user the IdP deactivates by SCIM (timed from the SCIM call)', async () => {
    clock.set(new Date());
    const erin = await as('erin@example.com');
    const request = await requestAccess(deps, erin, requestAccessInput.parse({ resource: 'prod-postgres', role: 'read-only', durationMinutes: 60, justification: 'INC-10 for the test' }));
    const creds = await issueGrantCredentials(deps, erin, { grantId: request.grant!.id });
    const session = await connect(creds.url);
    expect((await session.query('SELECT 1 AS one')).rows).toEqual([{ one: 1 }]);
    const token = (await createScimToken(deps, await as('carol@example.com'))).secret;
    const scim = scimClient(() => deps, () => token);

    const started = performance.now();
    const reply = await scim('PATCH', `/Users/${erin.actor.id}`, { schemas: ['urn:ietf:params:scim:api:messages:2.0:PatchOp'], Operations: [{ op: 'Replace', path: 'active', value: 'False' }] });
    await expect.poll(async () => session.query('SELECT 1').then(() => 'alive', () => 'killed'), { timeout: 10_000, interval: 20 }).toBe('killed');
    const killedMs = performance.now() - started;
    console.log(`offboarding: SCIM deactivation call to PostgreSQL session killed ${killedMs.toFixed(0)} ms`);

    expect(reply).toMatchObject({ status: 200, body: { active: false } });
    expect(await canLogin(creds.url)).toBe(false);
    expect(await database.db.grant.findUniqueOrThrow({ where: { id: request.grant!.id } })).toMatchObject({ status: 'revoked', revokeReason: 'user_disabled' });
  });
});
