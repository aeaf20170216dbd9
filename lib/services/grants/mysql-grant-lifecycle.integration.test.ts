import { randomUUID } from 'node:crypto';
import mysql from 'mysql2/promise';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createMysqlConnector } from '@/lib/connectors/mysql/mysql-connector';
import { portalConnector } from '@/lib/connectors/portal/portal-connector';
import type { Connector } from '@/lib/connectors/types';
import type { ResourceKind } from '@/lib/db/generated/enums';
import { manualClock, minutes } from '@/lib/domain/clock';
import { requestAccessInput } from '@/lib/domain/request-input';
import { actorContext } from '@/lib/testing/actors';
import { requireServer } from '@/lib/testing/require-server';
import { createTestDatabase, type TestDatabase } from '@/lib/testing/test-db';
import type { ServiceDeps } from '../deps';
import { reconcile } from '../reconcile/reconcile';
import { requestAccess } from '../requests/request-access';
import { sweep } from '../sweep/sweep';
import { issueGrantCredentials } from './issue-credentials';
import { revokeGrant } from './revoke-grant';

// The seeded `payments-mariadb` resource, end to end through the services against the real MariaDB on
// this machine: request → credentials → login and SELECT → the grant ends → the open connection is
// dead and login fails; an early revoke; a user made by hand found by reconciliation. The seeded
// settings are pointed at a throw-away database, so nothing outside it is granted.
const serverUrl = new URL(process.env.TEST_MYSQL_URL || 'mysql://root@127.0.0.1:3306/test');
const adminOptions = { host: serverUrl.hostname, port: Number(serverUrl.port || 3306), user: decodeURIComponent(serverUrl.username || 'root'), password: decodeURIComponent(serverUrl.password) };
const reachable = await mysql.createConnection({ ...adminOptions, connectTimeout: 3_000 }).then(
  async (c) => (await c.end(), 'yes'),
  () => undefined,
);
const canRun = requireServer(`a MariaDB at ${serverUrl.host} (TEST_MYSQL_URL)`, reachable);

const db = `tbxsvc_${randomUUID().slice(0, 8)}`;
const handMade = `handmade_${randomUUID().slice(0, 6)}`;
const env: Record<string, string | undefined> = {};
const clock = manualClock(new Date());
let admin: mysql.Connection;
let database: TestDatabase;
let deps: ServiceDeps;

const login = async (url: string) => {
  const c = await mysql.createConnection({ uri: url, connectTimeout: 3_000 });
  c.on('error', () => {});
  return c;
};
const canLogin = async (url: string) => {
  try {
    await (await login(url)).end();
    return true;
  } catch {
    return false;
  }
};

describe.runIf(canRun)('a mysql grant, end to end through the services', () => {
  beforeAll(async () => {
    admin = await mysql.createConnection(adminOptions);
    await admin.query(`CREATE DATABASE \`${db}\``);
    await admin.query(`CREATE TABLE \`${db}\`.payments (id int PRIMARY KEY, amount decimal(10,2))`);
    await admin.query(`INSERT INTO \`${db}\`.payments VALUES (1, 42.50)`);
    const auth = adminOptions.password ? `${encodeURIComponent(adminOptions.user)}:${encodeURIComponent(adminOptions.password)}` : encodeURIComponent(adminOptions.user);
    env.TARGET_MYSQL_URL = `mysql://${auth}@${adminOptions.host}:${adminOptions.port}/${db}`;

    database = await createTestDatabase('demo');
    // The seed's resource, aimed at this file's database (the seed itself says `test.*`).
    const resource = await database.db.resource.update({ where: { slug: 'payments-mariadb' }, data: { settings: { adminUrlEnv: 'TARGET_MYSQL_URL', database: db } } });
    await database.db.entitlement.updateMany({ where: { resourceId: resource.id, role: 'read-only' }, data: { settings: { privileges: ['SELECT'], on: `${db}.*` } } });
    deps = { db: database.db, clock, connectors: new Map<ResourceKind, Connector>([['portal', portalConnector], ['mysql', createMysqlConnector({ env })]]) };
  });

  afterAll(async () => {
    await database?.close();
    if (!admin) return;
    // Users of grants that ended are gone already; drop whatever a failed test may have left.
    const [left] = await admin.query<mysql.RowDataPacket[]>(`SELECT User, Host FROM mysql.user WHERE User = ?`, [handMade]);
    for (const u of left) await admin.query('DROP USER IF EXISTS ?@?', [u.User, u.Host]);
    await admin.query(`DROP DATABASE IF EXISTS \`${db}\``);
    await admin.end();
  });

  const readOnly = async (email: string, durationMinutes = 30) =>
    requestAccess(deps, await actorContext(database.db, email), requestAccessInput.parse({ resource: 'payments-mariadb', role: 'read-only', durationMinutes, justification: 'reconcile PAY-12' }));

  it('works inside the window and not after it ends, including a connection opened during it', async () => {
    clock.set(new Date());
    const request = await readOnly('alice@example.com');
    expect(request.grant).toMatchObject({ status: 'active' });
    const creds = await issueGrantCredentials(deps, await actorContext(database.db, 'alice@example.com'), { grantId: request.grant!.id });
    expect(creds).toMatchObject({ kind: 'mysql', username: expect.stringMatching(/^tbx_[0-9a-f]{12}$/), database: db, expiresAt: request.grant!.expiresAt });

    const session = await login(creds.url);
    expect((await session.query<mysql.RowDataPacket[]>('SELECT amount FROM payments WHERE id = 1'))[0]).toEqual([{ amount: '42.50' }]);
    await expect(session.query('INSERT INTO payments VALUES (2, 1)')).rejects.toThrow(/command denied/);

    clock.advance(minutes(30));
    const started = Date.now();
    expect(await sweep(deps)).toMatchObject({ grantsEnding: 1, grantsEnded: 1 });
    console.log(`mysql: sweep to user dropped and connection killed ${Date.now() - started} ms`);
    await expect(session.query('SELECT 1')).rejects.toThrow();
    expect(await canLogin(creds.url)).toBe(false);
    const [users] = await admin.query<mysql.RowDataPacket[]>('SELECT 1 FROM mysql.user WHERE User = ?', [creds.username]);
    expect(users).toHaveLength(0);

    const audit = await database.db.auditEvent.findMany({ where: { grantId: request.grant!.id }, orderBy: { seq: 'asc' } });
    expect(audit.map((e) => e.action)).toEqual(['grant.created', 'grant.provisioning', 'grant.activated', 'grant.credentials_issued', 'grant.ending', 'grant.expired']);
    expect(JSON.stringify(audit.map((e) => [e.data, e.actorLabel]))).not.toContain(creds.password);
  });

  it('ends access at once on an early revoke, connection included', async () => {
    clock.set(new Date());
    const request = await readOnly('erin@example.com');
    const erin = await actorContext(database.db, 'erin@example.com');
    const creds = await issueGrantCredentials(deps, erin, { grantId: request.grant!.id });
    const session = await login(creds.url);
    await session.query('SELECT amount FROM payments');

    const revoked = await revokeGrant(deps, erin, { grantId: request.grant!.id, reason: 'done' });
    expect(revoked.status).toBe('revoked');
    await expect(session.query('SELECT 1')).rejects.toThrow();
    expect(await canLogin(creds.url)).toBe(false);
    // Asking again is refused: the grant is over.
    await expect(issueGrantCredentials(deps, erin, { grantId: request.grant!.id })).rejects.toMatchObject({ code: 'conflict' });
  });

  it('finds a user granted the database by hand as drift, and not the live grant', async () => {
    clock.set(new Date());
    await admin.query(`CREATE USER ?@'%' IDENTIFIED BY 'x-not-a-secret'`, [handMade]);
    await admin.query(`GRANT SELECT ON \`${db}\`.* TO ?@'%'`, [handMade]);
    const live = await readOnly('frank@example.com');
    const livePrincipal = (await database.db.grant.findUniqueOrThrow({ where: { id: live.grant!.id } })).targetState as { principal: string };

    // Report mode only: this MariaDB is shared, and remove mode would act on every stray account it sees.
    const report = await reconcile(deps, await actorContext(database.db, 'carol@example.com'), { remove: false });
    const mine = report.drift.filter((d) => d.principal.startsWith(`${handMade}@`));
    expect(mine).toEqual([{ resource: 'payments-mariadb', principal: `${handMade}@%`, role: `SELECT ON \`${db}\`.*`, detail: 'granted outside Timebox', removed: false }]);
    expect(report.drift.map((d) => d.principal)).not.toContain(livePrincipal.principal);
    expect(report.failed).toEqual([]);
    expect(await database.db.auditEvent.count({ where: { action: 'reconcile.drift_found', data: { path: ['principal'], equals: `${handMade}@%` } } })).toBe(1);
    await revokeGrant(deps, await actorContext(database.db, 'frank@example.com'), { grantId: live.grant!.id });
  });
});
