import type pg from 'pg';
import { ConnectorError } from '../kit/connector-error';
import { endOnOneConnection } from '../kit/end-on-one-connection';
import type { DeprovisionOutcome } from '../types';
import { type PostgresAdmin, postgresError } from './admin-client';
import { memberships } from './provision';
import type { PostgresTarget } from './settings';
import { ident } from './sql-quote';

const TERMINATE_WAIT_MS = 5_000;

/**
 * Takes a login role away for good, in the order that closes access soonest: no new logins (NOLOGIN,
 * password removed), no privileges for live sessions (memberships revoked), live sessions terminated,
 * then the role dropped after its objects and privileges are cleaned up in every database that has any.
 * Idempotent: a role that is already gone is success. Each step is safe to repeat if a later one fails.
 */
export async function dropLoginRole(admin: PostgresAdmin, pgTarget: PostgresTarget, principal: string): Promise<void> {
  await admin.withAdmin(pgTarget.adminUrl, (client) => dropOn(client, admin, pgTarget, principal));
}

/**
 * dropLoginRole for many grants of one resource on ONE admin connection (kit/end-on-one-connection.ts),
 * each statement bounded by the admin timeouts.
 */
export const dropLoginRoles = (
  admin: PostgresAdmin,
  pgTarget: PostgresTarget,
  roles: readonly { grantId: string; principal: string }[],
  mayStart: () => boolean,
): Promise<DeprovisionOutcome[]> =>
  endOnOneConnection<{ grantId: string; principal: string }, pg.Client>(roles, mayStart, {
    withConnection: (work) => admin.withAdmin(pgTarget.adminUrl, work),
    endOne: (client, { principal }) => dropOn(client, admin, pgTarget, principal),
    failure: (error) => postgresError(error, pgTarget.adminUrl),
  });

async function dropOn(client: pg.Client, admin: PostgresAdmin, pgTarget: PostgresTarget, principal: string): Promise<void> {
  const { rows } = await client.query<{ oid: number }>('SELECT oid FROM pg_roles WHERE rolname = $1', [principal]);
  if (rows.length === 0) return;
  const oid = rows[0]!.oid;

  await client.query(`ALTER ROLE ${ident(principal)} WITH NOLOGIN PASSWORD NULL`);
  for (const role of await memberships(client, principal)) await client.query(`REVOKE ${ident(role)} FROM ${ident(principal)}`);
  await terminateSessions(client, oid);

  // Objects the role owns or privileges granted to it, per database (dbid 0: shared objects, handled from
  // any database). Usually there are none, and then no REASSIGN/DROP OWNED is run: those need the admin to
  // hold the role's privileges, which a CREATEROLE (non-superuser) admin does not.
  const { rows: deps } = await client.query<{ datname: string | null; here: boolean }>(
    `SELECT DISTINCT d.datname, s.dbid = 0 OR d.datname = current_database() AS here
       FROM pg_shdepend s LEFT JOIN pg_database d ON d.oid = s.dbid
      WHERE s.refclassid = 'pg_authid'::regclass AND s.refobjid = $1`,
    [oid],
  );
  if (deps.some((d) => d.here)) await dropOwned(client, principal);
  for (const { datname } of deps.filter((d) => !d.here && d.datname)) {
    const url = new URL(pgTarget.adminUrl);
    url.pathname = `/${encodeURIComponent(datname!)}`;
    await admin.withAdmin(url.toString(), (other) => dropOwned(other, principal));
  }
  await client.query(`DROP ROLE IF EXISTS ${ident(principal)}`);
}

async function dropOwned(client: pg.Client, principal: string) {
  // REASSIGN keeps tables someone made during the grant (owned by the admin now); DROP OWNED then revokes what is left.
  await client.query(`REASSIGN OWNED BY ${ident(principal)} TO CURRENT_USER`);
  await client.query(`DROP OWNED BY ${ident(principal)}`);
}

/** pg_terminate_backend every session of the role, then wait (bounded) until they are really gone. */
async function terminateSessions(client: pg.Client, oid: number) {
  const deadline = Date.now() + TERMINATE_WAIT_MS;
  for (;;) {
    const { rows } = await client.query<{ pid: number }>(
      'SELECT pid, pg_terminate_backend(pid) FROM pg_stat_activity WHERE usesysid = $1 AND pid <> pg_backend_pid()',
      [oid],
    );
    if (rows.length === 0) return;
    if (Date.now() > deadline) throw new ConnectorError(`postgres: ${rows.length} session(s) of the role did not end within ${TERMINATE_WAIT_MS / 1000} s`);
    await new Promise((r) => setTimeout(r, 100));
  }
}
