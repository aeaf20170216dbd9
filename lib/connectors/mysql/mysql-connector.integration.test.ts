import { randomUUID } from 'node:crypto';
import mysql from 'mysql2/promise';
import { afterAll, beforeAll, describe, expect, it, type TestContext } from 'vitest';
import { requireServer } from '@/lib/testing/require-server';
import { TcpRelay } from '@/lib/testing/tcp-proxy';
import { adminTimeouts, LEASE_DERIVED_TIMEOUTS } from '../kit/admin-client';
import { ConnectorError } from '../kit/connector-error';
import type { GrantTarget } from '../types';
import { createMysqlAdmin } from './admin-client';
import { createMysqlConnector } from './mysql-connector';
import { resolveMysqlTarget } from './settings';

// The MariaDB on this machine (root, empty password). On CI an unreachable server fails the file.
const serverUrl = new URL(process.env.TEST_MYSQL_URL || 'mysql://root@127.0.0.1:3306/test');
const adminOptions = { host: serverUrl.hostname, port: Number(serverUrl.port || 3306), user: decodeURIComponent(serverUrl.username), password: decodeURIComponent(serverUrl.password) };
const reachable = await mysql.createConnection({ ...adminOptions, connectTimeout: 3_000 }).then(
  async (c) => (await c.end(), 'yes'),
  () => undefined,
);
const canRun = requireServer(`a MariaDB at ${serverUrl.host} (TEST_MYSQL_URL)`, reachable);

// A throw-away database per run; the `_` in its name checks that a grant on it does not open look-alikes.
const db = `tbxit_${randomUUID().slice(0, 8)}`;
const lookAlike = db.replace('_', 'x');
const relay = new TcpRelay({ host: adminOptions.host, port: adminOptions.port });
const env: Record<string, string | undefined> = {};
const connector = createMysqlConnector({ env });
const settings = { adminUrlEnv: 'TARGET_MYSQL_URL', database: db };
const readOnly = { role: 'read-only', settings: { privileges: ['SELECT'], on: `${db}.*` } };
let admin: mysql.Connection;
let schedulerWas = 'OFF';
let eventsRun = false;
/** Every user a test may have made, dropped in afterAll even when a test failed midway. */
const made: string[] = [];

function grant(overrides: Partial<GrantTarget> & { entitlementSettings?: Record<string, unknown>; resourceId?: string } = {}): GrantTarget {
  const grantId = randomUUID();
  made.push(`tbx_${grantId.replace(/-/g, '').slice(0, 12)}`);
  return {
    grantId,
    user: { id: 'u1', email: 'alice@example.com' },
    resource: { id: overrides.resourceId ?? 'res-maria', slug: 'payments-mariadb', kind: 'mysql', settings },
    entitlement: { id: 'ent-ro', role: 'read-only', settings: overrides.entitlementSettings ?? readOnly.settings },
    startsAt: new Date(Date.now() - 1_000),
    expiresAt: new Date(Date.now() + 10 * 60_000),
    targetState: {},
    ...overrides,
  };
}

const userOf = (t: GrantTarget) => `tbx_${t.grantId.replace(/-/g, '').slice(0, 12)}`;
const login = async (url: string) => {
  const c = await mysql.createConnection({ uri: url, connectTimeout: 3_000 });
  c.on('error', () => {});
  return c;
};
/** The end-time event tests need the event scheduler. Off CI a server started with it DISABLED skips them; on CI that fails them. */
const requireEvents = (ctx: TestContext) => {
  if (!requireServer('a MariaDB whose event_scheduler is not DISABLED (start it with event_scheduler=ON or OFF)', eventsRun ? 'yes' : undefined)) ctx.skip();
};
const userExists = async (user: string) => ((await admin.query<mysql.RowDataPacket[]>('SELECT 1 FROM mysql.user WHERE User = ?', [user]))[0]).length > 0;

describe.runIf(canRun)('mysql connector against a real MariaDB', () => {
  beforeAll(async () => {
    admin = await mysql.createConnection(adminOptions);
    await admin.query(`CREATE DATABASE \`${db}\``);
    await admin.query(`CREATE DATABASE \`${lookAlike}\``);
    await admin.query(`CREATE TABLE \`${db}\`.payments (id int PRIMARY KEY, amount decimal(10,2))`);
    await admin.query(`INSERT INTO \`${db}\`.payments VALUES (1, 42.50)`);
    // The second guard needs the event scheduler. Turn it on for this file if it is OFF, and put it back after.
    const [[row]] = await admin.query<mysql.RowDataPacket[]>('SELECT @@GLOBAL.event_scheduler AS s');
    schedulerWas = String(row!.s);
    if (schedulerWas === 'OFF') await admin.query('SET GLOBAL event_scheduler = ON');
    eventsRun = schedulerWas !== 'DISABLED';
    env.TARGET_MYSQL_URL = `mysql://${encodeURIComponent(adminOptions.user)}:${encodeURIComponent(adminOptions.password)}@127.0.0.1:${await relay.start()}/`;
  });

  afterAll(async () => {
    if (!admin) return;
    await relay.stop();
    for (const user of [...made, 'mallory_it', 'tbxadmin_it']) await admin.query(`DROP USER IF EXISTS ?@'%'`, [user]);
    await admin.query(`DROP DATABASE IF EXISTS \`${db}\``);
    await admin.query(`DROP DATABASE IF EXISTS \`${lookAlike}\``);
    if (schedulerWas === 'OFF') await admin.query('SET GLOBAL event_scheduler = OFF');
    await admin.end();
  });

  it('lets the holder log in and read inside the window; provision twice is one user; each password replaces the last', async () => {
    const t = grant();
    const first = await connector.provision(t);
    await connector.provision(t);
    expect(first.targetState).toEqual({ principal: `${userOf(t)}@%`, username: userOf(t), endEvent: `${db}.tbx_end_${userOf(t).slice(4)}`, eventScheduler: eventsRun ? 'ON' : 'DISABLED' });
    expect(await connector.verify(t)).toBe(true);

    const creds = await connector.issueCredentials(t);
    expect(creds).toMatchObject({ kind: 'mysql', username: userOf(t), host: '127.0.0.1', port: relay.port, database: db });
    const session = await login(creds.url);
    expect((await session.query<mysql.RowDataPacket[]>('SELECT amount FROM payments WHERE id = 1'))[0]).toEqual([{ amount: '42.50' }]);
    await expect(session.query('INSERT INTO payments VALUES (2, 1)')).rejects.toThrow(/command denied/);
    await expect(session.query(`USE \`${lookAlike}\``)).rejects.toThrow(/Access denied/);
    await session.end();

    const second = await connector.issueCredentials(t);
    expect(second.password).not.toBe(creds.password);
    await expect(login(creds.url)).rejects.toThrow(/Access denied/);
    await (await login(second.url)).end();
    await connector.deprovision(t);
  });

  it('deprovisionMany ends a batch user by user, hands back what its lease leaves no room for, and fails all when the target is gone', async () => {
    const batch = [grant(), grant(), grant(), grant()];
    for (const t of batch) await connector.provision(t);
    const users = batch.map(userOf);

    // The caller's lease leaves room for two users only: the other two are not started, and stay.
    let room = 2;
    const outcomes = await connector.deprovisionMany!(batch, () => room-- > 0);
    expect(outcomes.map((o) => o.outcome)).toEqual(['done', 'done', 'not-started', 'not-started']);
    expect(await Promise.all(users.map(userExists))).toEqual([false, false, true, true]);

    const rest = await connector.deprovisionMany!(batch.slice(2), () => true);
    expect(rest.map((o) => o.outcome)).toEqual(['done', 'done']);
    expect(await Promise.all(users.map(userExists))).toEqual([false, false, false, false]);

    // No admin connection: every grant fails with a message safe to store, none is left unsettled.
    const nowhere = createMysqlConnector({ env: { TARGET_MYSQL_URL: 'mysql://root:s3cret@127.0.0.1:1/' }, adminTimeouts: { connectMs: 1_000 } });
    const failed = await nowhere.deprovisionMany!(batch.slice(0, 2), () => true);
    expect(failed.map((o) => o.outcome)).toEqual(['failed', 'failed']);
    for (const f of failed) expect(f.outcome === 'failed' && String((f.error as Error).message)).toMatch(/^target unreachable/);
    expect(JSON.stringify(failed.map((f) => (f.outcome === 'failed' ? String((f.error as Error).message) : '')))).not.toContain('s3cret');
  });

  it('deprovisionMany goes on after a user whose drop fails on a held lock: the connection stays usable', async () => {
    const statementMs = 1_000;
    const bounded = createMysqlConnector({ env, adminTimeouts: { statementMs, lockMs: statementMs } });
    const batch = [grant(), grant()];
    for (const t of batch) await connector.provision(t);
    // As in the locked-grant-table test below: the first DROP USER waits on the lock until max_statement_time
    // ends it. The lock is let go when the batch asks to start the second user, so that one must succeed.
    const holder = await mysql.createConnection(adminOptions);
    let outcomes: Awaited<ReturnType<NonNullable<typeof bounded.deprovisionMany>>>;
    try {
      await holder.query('LOCK TABLES mysql.global_priv READ');
      let asked = 0;
      outcomes = await bounded.deprovisionMany!(batch, () => {
        if (++asked === 2) void holder.query('UNLOCK TABLES'); // sent now: the next DROP USER waits a moment for it, far inside its bound
        return true;
      });
    } finally {
      await holder.query('UNLOCK TABLES');
      await holder.end();
    }
    expect(outcomes.map((o) => o.outcome)).toEqual(['failed', 'done']);
    expect(outcomes[0]!.outcome === 'failed' && (outcomes[0]!.error as Error).message).toBe('mysql: Query execution was interrupted (max_statement_time exceeded)');
    expect(await Promise.all(batch.map(userOf).map(userExists))).toEqual([true, false]);
    await connector.deprovision(batch[0]!);
  });

  it('deprovisionMany fails the rest at once, with the real cause, when its connection dies midway', async () => {
    const batch = [grant(), grant(), grant()];
    for (const t of batch) await connector.provision(t);
    const port = relay.port;
    let stopped: Promise<void> | undefined;
    let asked = 0;
    const started = Date.now();
    let outcomes: Awaited<ReturnType<NonNullable<typeof connector.deprovisionMany>>>;
    try {
      // The relay cuts every connection through it (the batch's admin connection) before the second user.
      outcomes = await connector.deprovisionMany!(batch, () => {
        if (++asked === 2) stopped = relay.stop();
        return true;
      });
    } finally {
      if (stopped) await stopped.then(() => relay.start(port));
    }
    const took = Date.now() - started;
    console.log(`mysql deprovisionMany whose connection died after the first of 3 users: settled in ${took} ms`);
    expect(outcomes.map((o) => o.outcome)).toEqual(['done', 'failed', 'failed']);
    for (const f of outcomes.slice(1)) expect(f.outcome === 'failed' && (f.error as Error).message).toMatch(/^target unreachable: /);
    expect(asked).toBe(2); // the third user was not tried on a dead connection
    expect(took).toBeLessThan(3_000);
    expect(await Promise.all(batch.map(userOf).map(userExists))).toEqual([false, true, true]);
    expect((await connector.deprovisionMany!(batch.slice(1), () => true)).map((o) => o.outcome)).toEqual(['done', 'done']);
  });

  it('ends batch after batch on one admin connection when held', async () => {
    const first = [grant(), grant()];
    const second = [grant()];
    for (const t of [...first, ...second]) await connector.provision(t);
    const held = connector.holdConnections!();
    const before = relay.accepted;
    try {
      expect((await held.deprovisionMany!(first, () => true)).map((o) => o.outcome)).toEqual(['done', 'done']);
      expect((await held.deprovisionMany!(second, () => true)).map((o) => o.outcome)).toEqual(['done']);
    } finally {
      await held.close();
    }
    expect(relay.accepted - before).toBe(1);
    expect(await Promise.all([...first, ...second].map(userOf).map(userExists))).toEqual([false, false, false]);
  });

  it('deprovision kills a connection opened during the window, login fails afterwards, and a second deprovision is fine', async () => {
    const t = grant();
    await connector.provision(t);
    const creds = await connector.issueCredentials(t);
    const session = await login(creds.url);
    await session.query('SELECT 1');

    const started = Date.now();
    await connector.deprovision(t);
    console.log(`mysql deprovision with a live connection: ${Date.now() - started} ms`);

    await expect(session.query('SELECT amount FROM payments')).rejects.toThrow();
    await expect(login(creds.url)).rejects.toThrow(/Access denied/);
    expect(await userExists(userOf(t))).toBe(false);
    await connector.deprovision(t);
    expect(await connector.verify(t)).toBe(false);
    await expect(connector.issueCredentials(t)).rejects.toThrow(/not provisioned/);
  });

  it('holds the end time by itself: with no deprovision, the end event drops the user and kills its connection', async (ctx) => {
    requireEvents(ctx);
    const t = grant({ expiresAt: new Date(Date.now() + 2_000) });
    await connector.provision(t);
    const creds = await connector.issueCredentials(t);
    const session = await login(creds.url);
    await session.query('SELECT 1');

    // Events fire on whole seconds: poll until the user is gone, at most 5 s past the end.
    let goneAt = 0;
    while (!goneAt && Date.now() < t.expiresAt.getTime() + 5_000) {
      await new Promise((r) => setTimeout(r, 200));
      if (!(await userExists(userOf(t)))) goneAt = Date.now();
    }
    console.log(`mysql end event: user gone ${goneAt - t.expiresAt.getTime()} ms after the grant's end`);
    expect(goneAt).toBeGreaterThanOrEqual(t.expiresAt.getTime());
    await expect(login(creds.url)).rejects.toThrow(/Access denied/);
    await expect(session.query('SELECT 1')).rejects.toThrow();
    await expect(connector.issueCredentials(t)).rejects.toThrow(/grant has ended/);
    await connector.deprovision(t); // Timebox's own deprovision afterwards is still a success
  });

  it('says "target unreachable" (without secrets) while the server is down, and finishes once it is back', async () => {
    const t = grant();
    await connector.provision(t);
    const port = relay.port;
    await relay.stop();
    try {
      await expect(connector.deprovision(t)).rejects.toThrow(new RegExp(`^target unreachable: connect ECONNREFUSED 127\\.0\\.0\\.1:${port}$`));
    } finally {
      await relay.start(port);
    }
    await connector.deprovision(t);
    expect(await userExists(userOf(t))).toBe(false);
  });

  it('leaves nothing behind when provisioning fails, and refuses privileges or objects outside the allow-list', async () => {
    const t = grant({ entitlementSettings: { privileges: ['SELECT'], on: `${db}.no_such_table` } });
    await expect(connector.provision(t)).rejects.toThrow(/^mysql: Table .*no_such_table' doesn't exist$/);
    expect(await userExists(userOf(t))).toBe(false);
    const [events] = await admin.query<mysql.RowDataPacket[]>('SELECT 1 FROM information_schema.EVENTS WHERE EVENT_NAME = ?', [`tbx_end_${userOf(t).slice(4)}`]);
    expect(events).toEqual([]);

    await expect(connector.provision(grant({ entitlementSettings: { privileges: ['SUPER'], on: `${db}.*` } }))).rejects.toThrow(
      /invalid mysql entitlement setting "privileges": each must be one of SELECT/,
    );
    await expect(connector.provision(grant({ entitlementSettings: { privileges: ['SELECT'], on: '*.*' } }))).rejects.toThrow(
      'invalid mysql entitlement setting "on": must be "database.*" or "database.table"',
    );
  });

  it('works with the least-privileged admin the docs name', async (ctx) => {
    requireEvents(ctx);
    await admin.query(`CREATE OR REPLACE USER 'tbxadmin_it'@'%' IDENTIFIED BY 'least-priv-pw'`);
    await admin.query(`GRANT CREATE USER, PROCESS, CONNECTION ADMIN ON *.* TO 'tbxadmin_it'@'%'`);
    await admin.query(`GRANT SELECT ON mysql.* TO 'tbxadmin_it'@'%'`);
    await admin.query(`GRANT SELECT, EVENT ON \`${db}\`.* TO 'tbxadmin_it'@'%' WITH GRANT OPTION`);
    const least = createMysqlConnector({ env: { TARGET_LEAST_URL: `mysql://tbxadmin_it:least-priv-pw@127.0.0.1:${adminOptions.port}/` } });
    const t = grant({ expiresAt: new Date(Date.now() + 2_000) });
    const leastTarget = { ...t, resource: { ...t.resource, settings: { ...settings, adminUrlEnv: 'TARGET_LEAST_URL' } } };

    await least.provision(leastTarget);
    const session = await login((await least.issueCredentials(leastTarget)).url);
    await session.query('SELECT amount FROM payments');
    expect(await least.listActual(leastTarget.resource, [readOnly])).toContainEqual(expect.objectContaining({ principal: `${userOf(t)}@%` }));
    // The end event runs with the admin's rights (its definer): it must still be able to drop and kill.
    while ((await userExists(userOf(t))) && Date.now() < t.expiresAt.getTime() + 5_000) await new Promise((r) => setTimeout(r, 200));
    expect(await userExists(userOf(t))).toBe(false);
    await expect(session.query('SELECT 1')).rejects.toThrow();
    await least.deprovision(leastTarget);
  });

  it('lists a user granted SELECT by hand as drift, skips other resources\' users, and removes drift on request', async () => {
    await admin.query(`CREATE OR REPLACE USER 'mallory_it'@'%' IDENTIFIED BY 'x'`);
    await admin.query(`GRANT SELECT ON \`${db}\`.* TO 'mallory_it'@'%'`);
    const mine = grant();
    const other = grant({ resourceId: 'res-other' });
    await connector.provision(mine);
    await connector.provision(other);
    const resource = mine.resource;

    const actual = await connector.listActual(resource, [readOnly]);
    expect(actual).toContainEqual({ principal: 'mallory_it@%', role: `SELECT ON \`${db}\`.*`, detail: 'granted outside Timebox' });
    expect(actual).toContainEqual(expect.objectContaining({ principal: `${userOf(mine)}@%`, role: `SELECT ON \`${db.replace('_', '\\_')}\`.*` }));
    expect(actual.map((a) => a.principal)).not.toContain(`${userOf(other)}@%`);
    expect(actual.some((a) => a.principal.startsWith('root@'))).toBe(false);

    await connector.removeActual!(resource, { principal: 'mallory_it@%', role: `SELECT ON \`${db}\`.*` });
    expect((await connector.listActual(resource, [readOnly])).map((a) => a.principal)).not.toContain('mallory_it@%');
    expect(await userExists('mallory_it')).toBe(true); // only the privilege goes, not someone else's account

    await connector.deprovision(mine);
    await connector.deprovision(other);
    const left = (await connector.listActual(resource, [readOnly])).map((a) => a.principal);
    expect(left).not.toContain(`${userOf(mine)}@%`);
  });

  it('sets the server\'s own bounds on every admin session, derived from the revocation lease', async () => {
    const target = resolveMysqlTarget(grant().resource, env);
    const bounds = await createMysqlAdmin(adminTimeouts()).withAdmin(target, async (c) => {
      const [[row]] = await c.query<mysql.RowDataPacket[]>('SELECT @@max_statement_time AS statement, @@lock_wait_timeout AS mdl, @@innodb_lock_wait_timeout AS row_lock, @@time_zone AS tz');
      return row;
    });
    const { statementMs, lockMs } = LEASE_DERIVED_TIMEOUTS;
    expect(bounds).toEqual({ statement: statementMs / 1000, mdl: lockMs / 1000, row_lock: lockMs / 1000, tz: '+00:00' });
  });

  it('fails a deprovision stuck on a locked grant table within its bound, with nothing dropped, and finishes once the lock is gone', async () => {
    // A bound much shorter than the lease-derived 20 s keeps the test fast; the mechanism is the same.
    const statementMs = 1_000;
    const bounded = createMysqlConnector({ env, adminTimeouts: { statementMs, lockMs: statementMs } });
    const t = grant();
    await connector.provision(t);
    // Another session holds mysql.global_priv (where DROP USER must write) for as long as it likes. Only
    // max_statement_time ends that wait: lock_wait_timeout does not cover it.
    const holder = await mysql.createConnection(adminOptions);
    let error: unknown;
    let took = 0;
    try {
      await holder.query('LOCK TABLES mysql.global_priv READ');
      const started = Date.now();
      error = await bounded.deprovision(t).then(() => undefined, (e: unknown) => e);
      took = Date.now() - started;
      expect(await userExists(userOf(t))).toBe(true); // reading is not blocked, and nothing was dropped
    } finally {
      await holder.query('UNLOCK TABLES');
      await holder.end();
    }
    console.log(`mysql deprovision against a held lock failed after ${took} ms (bound ${statementMs} ms)`);
    expect(error).toBeInstanceOf(ConnectorError);
    expect((error as Error).message).toBe('mysql: Query execution was interrupted (max_statement_time exceeded)');
    expect(took).toBeGreaterThanOrEqual(statementMs - 50); // it really waited on the lock…
    expect(took).toBeLessThan(statementMs + 4_000); // …and gave up at the bound, far inside the 60 s lease

    await bounded.deprovision(t);
    expect(await userExists(userOf(t))).toBe(false);
  });
});
