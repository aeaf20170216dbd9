import { randomUUID } from 'node:crypto';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findPgBinDir, type PgInstance, startPgInstance } from '@/lib/testing/pg-instance';
import { requireServer } from '@/lib/testing/require-server';
import { TcpRelay } from '@/lib/testing/tcp-proxy';
import { adminTimeouts, LEASE_DERIVED_TIMEOUTS } from '../kit/admin-client';
import { ConnectorError } from '../kit/connector-error';
import type { GrantTarget } from '../types';
import { createPostgresAdmin } from './admin-client';
import { createPostgresConnector } from './postgres-connector';

// A second, throw-away PostgreSQL with scram-sha-256 auth: the shared server trusts 127.0.0.1, and under
// trust PostgreSQL never checks VALID UNTIL (nor any password), so it could not prove the second guard.
const binDir = findPgBinDir();
const canRun = requireServer('PostgreSQL server binaries (initdb, pg_ctl; set PG_BIN_DIR)', binDir);

const env: Record<string, string | undefined> = {};
const connector = createPostgresConnector({ env });
const settings = { adminUrlEnv: 'TARGET_PG_URL', database: 'appdb', publicHost: '127.0.0.1' };
const readOnly = { role: 'read-only', settings: { roles: ['pg_read_all_data'] } };
let server: PgInstance;

function grant(overrides: Partial<GrantTarget> & { roles?: string[]; resourceId?: string } = {}): GrantTarget {
  return {
    grantId: randomUUID(),
    user: { id: 'u1', email: 'alice@example.com' },
    resource: { id: overrides.resourceId ?? 'res-pg', slug: 'prod-postgres', kind: 'postgres', settings },
    entitlement: { id: 'ent-ro', role: 'read-only', settings: { roles: overrides.roles ?? ['pg_read_all_data'] } },
    startsAt: new Date(Date.now() - 1_000),
    expiresAt: new Date(Date.now() + 10 * 60_000),
    targetState: {},
    ...overrides,
  };
}

const adminUrl = (database = 'appdb') => Object.assign(new URL(server.url), { pathname: `/${database}` }).toString();

async function asAdmin<T>(fn: (c: pg.Client) => Promise<T>, database = 'appdb'): Promise<T> {
  const c = new pg.Client({ connectionString: adminUrl(database) });
  await c.connect();
  try {
    return await fn(c);
  } finally {
    await c.end();
  }
}

async function connect(url: string): Promise<pg.Client> {
  const c = new pg.Client({ connectionString: url, connectionTimeoutMillis: 5_000 });
  c.on('error', () => {}); // a terminated backend is what some tests want
  await c.connect();
  return c;
}

const roleExists = (name: string) => asAdmin(async (c) => (await c.query('SELECT 1 FROM pg_roles WHERE rolname = $1', [name])).rowCount === 1);

describe.runIf(canRun)('postgres connector against a real PostgreSQL', () => {
  beforeAll(async () => {
    server = await startPgInstance(binDir);
    env.TARGET_PG_URL = server.url;
    await asAdmin((c) => c.query('CREATE DATABASE appdb'), 'postgres');
    await asAdmin(async (c) => {
      await c.query(`CREATE TABLE payments (id int PRIMARY KEY, amount numeric); INSERT INTO payments VALUES (1, 42.5)`);
    });
  });

  afterAll(async () => {
    await server?.destroy();
  });

  it('lets the holder log in and read inside the window; provision twice is one role; each password replaces the last', async () => {
    const t = grant();
    const first = await connector.provision(t);
    const again = await connector.provision(t);
    expect(first.targetState).toEqual({ principal: `tbx_${t.grantId.replace(/-/g, '').slice(0, 12)}` });
    expect(again.targetState).toEqual(first.targetState);
    expect(await connector.verify(t)).toBe(true);

    const creds = await connector.issueCredentials(t);
    expect(creds).toMatchObject({ kind: 'postgres', username: first.targetState!.principal, host: '127.0.0.1', port: server.port, database: 'appdb' });
    expect(creds.expiresAt).toBe(t.expiresAt.toISOString());
    const session = await connect(creds.url);
    expect((await session.query('SELECT amount FROM payments WHERE id = 1')).rows).toEqual([{ amount: '42.5' }]);
    await expect(session.query('INSERT INTO payments VALUES (2, 1)')).rejects.toThrow(/permission denied/);
    await session.end();

    const second = await connector.issueCredentials(t);
    expect(second.password).not.toBe(creds.password);
    await expect(connect(creds.url)).rejects.toThrow(/password authentication failed/);
    await (await connect(second.url)).end();
    await connector.deprovision(t);
  });

  it('deprovisionMany ends a batch role by role, hands back what its lease leaves no room for, and fails all when the target is gone', async () => {
    const batch = [grant(), grant(), grant(), grant()];
    const principals: string[] = [];
    for (const t of batch) principals.push(String((await connector.provision(t)).targetState!.principal));

    // The caller's lease leaves room for two roles only: the other two are not started, and stay.
    let room = 2;
    const outcomes = await connector.deprovisionMany!(batch, () => room-- > 0);
    expect(outcomes.map((o) => o.outcome)).toEqual(['done', 'done', 'not-started', 'not-started']);
    expect(await Promise.all(principals.map(roleExists))).toEqual([false, false, true, true]);

    const rest = await connector.deprovisionMany!(batch.slice(2), () => true);
    expect(rest.map((o) => o.outcome)).toEqual(['done', 'done']);
    expect(await Promise.all(principals.map(roleExists))).toEqual([false, false, false, false]);

    // No admin connection: every grant fails with a message safe to store, none is left unsettled.
    const nowhere = createPostgresConnector({ env: { TARGET_PG_URL: 'postgresql://postgres:s3cret@127.0.0.1:1/appdb' }, adminTimeouts: { connectMs: 1_000 } });
    const failed = await nowhere.deprovisionMany!(batch.slice(0, 2), () => true);
    expect(failed.map((o) => o.outcome)).toEqual(['failed', 'failed']);
    for (const f of failed) expect(f.outcome === 'failed' && String((f.error as Error).message)).toMatch(/^target unreachable/);
    expect(JSON.stringify(failed.map((f) => (f.outcome === 'failed' ? String((f.error as Error).message) : '')))).not.toContain('s3cret');
  });

  it('deprovision kills a session opened during the window, login fails afterwards, and a second deprovision is fine', async () => {
    const t = grant();
    const { targetState } = await connector.provision(t);
    const principal = String(targetState!.principal);
    // Things that would make a naive DROP ROLE fail: an object it owns here, a privilege in another database.
    await asAdmin((c) => c.query(`CREATE TABLE scratch (x int); ALTER TABLE scratch OWNER TO ${principal}`));
    await asAdmin((c) => c.query(`CREATE TABLE IF NOT EXISTS elsewhere (x int); GRANT SELECT ON elsewhere TO ${principal}`), 'postgres');

    const creds = await connector.issueCredentials(t);
    const session = await connect(creds.url);
    await session.query('SELECT 1');

    const started = Date.now();
    await connector.deprovision(t);
    console.log(`postgres deprovision with a live session: ${Date.now() - started} ms`);

    await expect(session.query('SELECT amount FROM payments')).rejects.toThrow();
    await expect(connect(creds.url)).rejects.toThrow(/password authentication failed|does not exist/);
    expect(await roleExists(principal)).toBe(false);
    // The table someone made during the grant is kept, owned by the admin now.
    expect((await asAdmin((c) => c.query(`SELECT tableowner FROM pg_tables WHERE tablename = 'scratch'`))).rows).toEqual([{ tableowner: 'postgres' }]);

    await connector.deprovision(t);
    expect(await connector.verify(t)).toBe(false);
    await expect(connector.issueCredentials(t)).rejects.toThrow(/not provisioned/);
  });

  it('holds the end time by itself: with no deprovision, login fails once VALID UNTIL passes', async () => {
    const t = grant({ expiresAt: new Date(Date.now() + 2_000) });
    await connector.provision(t);
    const creds = await connector.issueCredentials(t);
    await (await connect(creds.url)).end();

    await new Promise((r) => setTimeout(r, t.expiresAt.getTime() - Date.now() + 300));
    await expect(connect(creds.url)).rejects.toThrow(/password authentication failed/);
    expect(await connector.verify(t)).toBe(false);
    await expect(connector.issueCredentials(t)).rejects.toThrow(/grant has ended/);
    await connector.deprovision(t);
  });

  it('says "target unreachable" (without secrets) while the server is down, and finishes once it is back', async () => {
    const t = grant();
    const { targetState } = await connector.provision(t);
    await server.stop();
    try {
      const error = await connector.deprovision(t).then(
        () => null,
        (e: Error) => e,
      );
      expect(error?.message).toMatch(/^target unreachable: connect ECONNREFUSED 127\.0\.0\.1:\d+$/);
      expect(error?.message).not.toContain(decodeURIComponent(new URL(server.url).password));
    } finally {
      await server.start();
    }
    await connector.deprovision(t);
    expect(await roleExists(String(targetState!.principal))).toBe(false);
  });

  it('leaves nothing behind when provisioning fails, and refuses unsafe or malformed settings', async () => {
    const t = grant({ roles: ['pg_read_all_data', 'no_such_role'] });
    await expect(connector.provision(t)).rejects.toThrow('role "no_such_role" does not exist on the target');
    expect(await roleExists(`tbx_${t.grantId.replace(/-/g, '').slice(0, 12)}`)).toBe(false);

    await expect(connector.provision(grant({ roles: ['postgres'] }))).rejects.toThrow('role "postgres" is a superuser; refusing to grant it');
    await expect(connector.provision(grant({ roles: ['tbx_abc'] }))).rejects.toThrow(/invalid postgres entitlement setting "roles.0"/);
    const badResource = { ...grant(), resource: { id: 'r', slug: 'x', kind: 'postgres' as const, settings: { adminUrlEnv: 'TARGET_NOPE_UNSET' } } };
    await expect(connector.deprovision(badResource)).rejects.toThrow('postgres resource "x": TARGET_NOPE_UNSET is not set and there is no defaultAdminUrl');
  });

  it("refuses a target that is Timebox's own database, by the server's identity, not the URL's text", async () => {
    // Timebox's own URL spelled differently from the target's: another scheme name, an extra parameter.
    const ownUrl = Object.assign(new URL(adminUrl('appdb')), { protocol: 'postgres:', search: '?connect_timeout=5' }).toString();
    expect(ownUrl).not.toBe(adminUrl('appdb'));
    const guarded = createPostgresConnector({ env, ownDatabaseUrl: ownUrl });
    const t = grant();
    await expect(guarded.provision(t)).rejects.toThrow("this target is Timebox's own database; refusing to manage roles there");
    await expect(guarded.issueCredentials(t)).rejects.toThrow(/Timebox's own database/);
    expect(await roleExists(`tbx_${t.grantId.replace(/-/g, '').slice(0, 12)}`)).toBe(false);

    // Another database on the same server is another target; Timebox's database unreachable fails closed.
    const elsewhere = createPostgresConnector({ env, ownDatabaseUrl: adminUrl('postgres') });
    await elsewhere.provision(t);
    await elsewhere.deprovision(t);
    const blind = createPostgresConnector({ env, ownDatabaseUrl: 'postgresql://nobody@127.0.0.1:1/none' });
    await expect(blind.provision(grant())).rejects.toThrow(/cannot tell whether this target is Timebox's own database/);
  });

  it('works with the least-privileged admin the docs name: CREATEROLE, ADMIN OPTION on the handed-out roles, pg_signal_backend', async () => {
    await asAdmin((c) =>
      c.query(`CREATE ROLE timebox_admin LOGIN CREATEROLE PASSWORD 'least-priv-pw';
               GRANT pg_read_all_data TO timebox_admin WITH ADMIN OPTION; GRANT pg_signal_backend TO timebox_admin`),
    );
    const leastEnv = { TARGET_LEAST_PG_URL: `postgresql://timebox_admin:least-priv-pw@127.0.0.1:${server.port}/appdb` };
    const least = createPostgresConnector({ env: leastEnv });
    const t = { ...grant(), resource: { id: 'res-pg', slug: 'prod-postgres', kind: 'postgres' as const, settings: { ...settings, adminUrlEnv: 'TARGET_LEAST_PG_URL' } } };

    await least.provision(t);
    const session = await connect((await least.issueCredentials(t)).url);
    await session.query('SELECT amount FROM payments');
    await least.deprovision(t);
    await expect(session.query('SELECT 1')).rejects.toThrow();
    expect(await roleExists(`tbx_${t.grantId.replace(/-/g, '').slice(0, 12)}`)).toBe(false);
    expect(await least.listActual(t.resource, [readOnly])).toBeInstanceOf(Array);
  });

  it('lists roles granted by hand as drift, skips other resources\' roles, and removes drift on request', async () => {
    await asAdmin((c) => c.query(`CREATE ROLE mallory LOGIN; GRANT pg_read_all_data TO mallory`));
    const mine = grant();
    const other = grant({ resourceId: 'res-other' });
    await connector.provision(mine);
    await connector.provision(other);
    const resource = mine.resource;

    const actual = await connector.listActual(resource, [readOnly]);
    const mineName = `tbx_${mine.grantId.replace(/-/g, '').slice(0, 12)}`;
    const otherName = `tbx_${other.grantId.replace(/-/g, '').slice(0, 12)}`;
    expect(actual).toContainEqual(expect.objectContaining({ principal: 'mallory', role: 'pg_read_all_data' }));
    expect(actual).toContainEqual(expect.objectContaining({ principal: mineName, role: 'pg_read_all_data' }));
    expect(actual.map((a) => a.principal)).not.toContain(otherName);
    expect(actual.map((a) => a.principal)).not.toContain('postgres');

    await connector.removeActual!(resource, { principal: 'mallory', role: 'pg_read_all_data' });
    const after = await connector.listActual(resource, [readOnly]);
    expect(after.map((a) => a.principal)).not.toContain('mallory');
    expect(await roleExists('mallory')).toBe(true); // only the membership goes, not someone else's role

    await connector.deprovision(mine);
    await connector.deprovision(other);
    expect((await connector.listActual(resource, [readOnly])).filter((a) => a.principal.startsWith('tbx_'))).toEqual([]);
  });

  it('sets the server\'s own bounds on every admin session, derived from the revocation lease', async () => {
    const bounds = await createPostgresAdmin(adminTimeouts()).withAdmin(adminUrl(), async (c) => {
      const { rows } = await c.query<{ statement: string; lock: string }>(`SELECT current_setting('statement_timeout') AS statement, current_setting('lock_timeout') AS lock`);
      return rows[0];
    });
    expect(bounds).toEqual({ statement: `${LEASE_DERIVED_TIMEOUTS.statementMs / 1000}s`, lock: `${LEASE_DERIVED_TIMEOUTS.lockMs / 1000}s` });
  });

  it('fails a deprovision stuck on a lock on the role within its bound, with nothing changed, and finishes once the lock is gone', async () => {
    // A bound much shorter than the lease-derived 15 s keeps the test fast; the mechanism is the same.
    const lockMs = 1_000;
    const bounded = createPostgresConnector({ env, adminTimeouts: { statementMs: 2 * lockMs, lockMs } });
    const t = grant();
    const principal = String((await connector.provision(t)).targetState!.principal);
    // Another admin session changes the role in a transaction it keeps open: its row in pg_authid stays
    // locked, and the deprovision's ALTER ROLE … NOLOGIN has to wait for it.
    const holder = await connect(adminUrl());
    let error: unknown;
    let took = 0;
    try {
      await holder.query('BEGIN');
      await holder.query(`ALTER ROLE ${principal} VALID UNTIL 'infinity'`);
      const started = Date.now();
      error = await bounded.deprovision(t).then(() => undefined, (e: unknown) => e);
      took = Date.now() - started;
    } finally {
      await holder.query('ROLLBACK');
      await holder.end();
    }
    console.log(`postgres deprovision against a held lock failed after ${took} ms (bound ${lockMs} ms)`);
    expect(error).toBeInstanceOf(ConnectorError);
    expect((error as Error).message).toBe('postgres: canceling statement due to lock timeout');
    expect(took).toBeGreaterThanOrEqual(lockMs - 50); // it really waited on the lock…
    expect(took).toBeLessThan(lockMs + 4_000); // …and gave up at the bound, far inside the 60 s lease
    expect(await asAdmin(async (c) => (await c.query('SELECT rolcanlogin FROM pg_roles WHERE rolname = $1', [principal])).rows)).toEqual([{ rolcanlogin: true }]);

    await bounded.deprovision(t);
    expect(await roleExists(principal)).toBe(false);
  });

  it('holds one admin connection across calls, replaces one the server closed, and closes it at the end', async () => {
    const relay = new TcpRelay({ host: '127.0.0.1', port: Number(new URL(server.url).port) });
    const viaRelay = async () => Object.assign(new URL(adminUrl()), { port: String(await relay.start()) }).toString();
    const url = await viaRelay();
    const held = createPostgresAdmin(adminTimeouts()).hold();
    const pid = (c: pg.Client) => c.query<{ pid: number }>('SELECT pg_backend_pid() AS pid').then((r) => r.rows[0]!.pid);
    try {
      let first!: pg.Client;
      let lost!: Promise<unknown>;
      const pids = [];
      for (let i = 0; i < 3; i++) {
        pids.push(
          await held.withAdmin(url, async (c) => {
            first ??= c;
            lost ??= new Promise((resolve) => c.once('end', resolve));
            return pid(c);
          }),
        );
      }
      expect(new Set(pids).size).toBe(1);
      expect(relay.accepted).toBe(1);

      // The server side goes away while the connection is idle: the next call gets a new one and works.
      await relay.stop();
      await lost;
      await relay.start();
      const after = await held.withAdmin(url, async (c) => [c === first, await pid(c)] as const);
      expect(after[0]).toBe(false);
      expect(after[1]).not.toBe(pids[0]);
      expect(relay.accepted).toBe(2);

      // A call that fails does not give its connection back: the next one opens another.
      await expect(held.withAdmin(url, (c) => c.query('SELECT * FROM no_such_table'))).rejects.toThrow('postgres: relation "no_such_table" does not exist');
      expect(await held.withAdmin(url, pid)).not.toBe(after[1]);
      expect(relay.accepted).toBe(3);
    } finally {
      await held.close();
    }
    const live = () => asAdmin(async (c) => (await c.query(`SELECT count(*)::int AS n FROM pg_stat_activity WHERE application_name = 'timebox-connector'`)).rows[0].n);
    await expect.poll(live, { timeout: 10_000 }).toBe(0);
    await relay.stop();
  });
});
