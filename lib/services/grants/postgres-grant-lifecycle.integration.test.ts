import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { manualClock, minutes } from '@/lib/domain/clock';
import { requestAccessInput } from '@/lib/domain/request-input';
import { actorContext } from '@/lib/testing/actors';
import { findPgBinDir, type PgInstance } from '@/lib/testing/pg-instance';
import { startPgTargetServices } from '@/lib/testing/pg-target-services';
import { requireServer } from '@/lib/testing/require-server';
import type { TestDatabase } from '@/lib/testing/test-db';
import type { ServiceDeps } from '../deps';
import { reconcile } from '../reconcile/reconcile';
import { requestAccess } from '../requests/request-access';
import { sweep } from '../sweep/sweep';
import { issueGrantCredentials } from './issue-credentials';
import { revokeGrant } from './revoke-grant';
import { canLoginPg as canLogin, connectPg as connect } from '@/lib/testing/pg-login';

// The whole loop through the services against a real PostgreSQL target (its own scram-auth instance,
// so passwords and VALID UNTIL are really checked): request → credentials → login works → the grant
// ends → login fails and the open session is dead; the target down while grants end; drift found.
const binDir = findPgBinDir();
const canRun = requireServer('PostgreSQL server binaries (initdb, pg_ctl)', binDir);

let target: PgInstance;
let database: TestDatabase;
let deps: ServiceDeps;
const clock = manualClock(new Date());

describe.runIf(canRun)('a postgres grant, end to end through the services', () => {
  beforeAll(async () => {
    ({ target, database, deps } = await startPgTargetServices(binDir!, 'CREATE TABLE incidents (id int primary key, title text); INSERT INTO incidents VALUES (1, $$db down$$)', clock));
  });
  afterAll(async () => {
    await database?.close();
    await target?.destroy();
  });

  const readOnly = async (email: string, durationMinutes = 30) =>
    requestAccess(deps, await actorContext(database.db, email), requestAccessInput.parse({ resource: 'prod-postgres', role: 'read-only', durationMinutes, justification: 'investigate INC-7' }));

  it('works inside the window and not after it ends, including a session opened during it', async () => {
    const request = await readOnly('alice@example.com');
    expect(request.grant).toMatchObject({ status: 'active' });
    const creds = await issueGrantCredentials(deps, await actorContext(database.db, 'alice@example.com'), { grantId: request.grant!.id });
    expect(creds).toMatchObject({ kind: 'postgres', username: expect.stringMatching(/^tbx_/) });

    const session = await connect(creds.url);
    expect((await session.query('SELECT title FROM incidents')).rows).toEqual([{ title: 'db down' }]);

    clock.advance(minutes(30));
    const ended = Date.now();
    expect(await sweep(deps)).toMatchObject({ grantsEnding: 1, grantsEnded: 1 });
    console.log(`postgres: sweep to role gone ${Date.now() - ended} ms`);
    await expect(session.query('SELECT 1')).rejects.toThrow();
    expect(await canLogin(creds.url)).toBe(false);
    const audit = await database.db.auditEvent.findMany({ where: { grantId: request.grant!.id }, orderBy: { seq: 'asc' } });
    expect(audit.map((e) => e.action)).toEqual(['grant.created', 'grant.provisioning', 'grant.activated', 'grant.credentials_issued', 'grant.ending', 'grant.expired']);
    expect(JSON.stringify(audit.map((e) => [e.data, e.actorLabel]))).not.toContain(creds.password);
  });

  it('ends access at once on an early revoke', async () => {
    const request = await readOnly('erin@example.com');
    const creds = await issueGrantCredentials(deps, await actorContext(database.db, 'erin@example.com'), { grantId: request.grant!.id });
    expect(await canLogin(creds.url)).toBe(true);
    const revoked = await revokeGrant(deps, await actorContext(database.db, 'erin@example.com'), { grantId: request.grant!.id, reason: 'done' });
    expect(revoked.status).toBe('revoked');
    expect(await canLogin(creds.url)).toBe(false);
  });

  it('keeps ending grants while the target is down, and finishes when it is back', async () => {
    const request = await readOnly('bob@example.com', 10);
    const creds = await issueGrantCredentials(deps, await actorContext(database.db, 'bob@example.com'), { grantId: request.grant!.id });
    await target.stop();
    clock.advance(minutes(10));
    expect(await sweep(deps)).toMatchObject({ grantsEnding: 1, grantsEnded: 0, deprovisionRetries: 1 });
    const waiting = await database.db.grant.findUniqueOrThrow({ where: { id: request.grant!.id } });
    expect(waiting).toMatchObject({ status: 'revoking', revokeAttempts: 1 });
    expect(waiting.lastError).toMatch(/unreachable|ECONNREFUSED/);

    await target.start();
    clock.advance(minutes(1));
    expect((await sweep(deps)).grantsEnded).toBe(1);
    expect(await canLogin(creds.url)).toBe(false);
    const actions = (await database.db.auditEvent.findMany({ where: { grantId: request.grant!.id }, orderBy: { seq: 'asc' } })).map((e) => e.action);
    expect(actions.slice(-3)).toEqual(['grant.ending', 'grant.deprovision_failed', 'grant.expired']);
  });

  it('gives a live grant its role back when someone dropped it in the target, and says so in the trail', async () => {
    const request = await readOnly('alice@example.com');
    const grantId = request.grant!.id;
    const alice = await actorContext(database.db, 'alice@example.com');
    const admin = await connect(target.url);
    await admin.query(`DROP ROLE "${(await issueGrantCredentials(deps, alice, { grantId })).username}"`);
    await admin.end();

    const report = await reconcile(deps, { system: 'reconciler' }, { remove: false });
    expect(report).toMatchObject({ restored: 1, failed: [] });
    const creds = await issueGrantCredentials(deps, alice, { grantId });
    const session = await connect(creds.url);
    expect((await session.query('SELECT title FROM incidents')).rows).toEqual([{ title: 'db down' }]);
    await session.end();
    expect(await database.db.auditEvent.count({ where: { grantId, action: 'reconcile.access_restored' } })).toBe(1);
    // Nothing missing any more: a second run restores nothing.
    expect((await reconcile(deps, { system: 'reconciler' }, { remove: false })).restored).toBe(0);
    await revokeGrant(deps, alice, { grantId, reason: 'done' });
  });

  it('reports a role granted by hand as drift, and removes it in remove mode', async () => {
    const admin = await connect(target.url);
    await admin.query(`CREATE ROLE sneaky LOGIN PASSWORD 'x'; GRANT pg_read_all_data TO sneaky`);
    await admin.end();
    const live = await readOnly('frank@example.com');

    const report = await reconcile(deps, await actorContext(database.db, 'carol@example.com'), { remove: false });
    expect(report.drift).toEqual([expect.objectContaining({ resource: 'prod-postgres', principal: 'sneaky', removed: false })]);
    expect(report.drift.map((d) => d.principal)).not.toContain(live.grant!.id);

    const removal = await reconcile(deps, { system: 'reconciler' }, { remove: true });
    expect(removal.removed).toBe(1);
    expect((await reconcile(deps, { system: 'reconciler' }, { remove: false })).drift).toEqual([]);
    expect(await database.db.auditEvent.count({ where: { action: 'reconcile.drift_found' } })).toBe(1);
  });
});
