import type pg from 'pg';
import { ConnectorError } from '../kit/connector-error';
import { parseSettings } from '../kit/parse-settings';
import { grantPrincipal } from '../kit/principal-name';
import type { GrantTarget } from '../types';
import type { PostgresAdmin } from './admin-client';
import type { PostgresTarget } from './settings';
import { postgresEntitlementSettingsSchema } from './settings';
import { ident, literal } from './sql-quote';

/** The role comment: ties a tbx_ role to its grant and resource, so reconciliation can tell resources on one server apart. */
export const roleComment = (target: GrantTarget) => `timebox grant ${target.grantId} resource ${target.resource.id}`;

/**
 * Makes the grant's login role exist and match: LOGIN, VALID UNTIL the grant's end (the server's own
 * guard), no password until credentials are issued, member of exactly the entitlement's roles.
 * One transaction: if any step fails nothing is left behind, and a retry starts clean.
 */
export async function provisionRole(admin: PostgresAdmin, pgTarget: PostgresTarget, target: GrantTarget): Promise<{ principal: string }> {
  const { roles } = parseSettings(postgresEntitlementSettingsSchema, target.entitlement.settings, 'postgres entitlement');
  const principal = grantPrincipal(target.grantId);
  await admin.withAdmin(pgTarget.adminUrl, async (client) => {
    await client.query('BEGIN');
    try {
      await ensureLoginRole(client, principal, target);
      await matchMemberships(client, principal, roles);
      const { rows } = await client.query<{ ok: boolean }>(`SELECT has_database_privilege($1, $2, 'CONNECT') AS ok`, [principal, pgTarget.database]);
      if (!rows[0]?.ok) await client.query(`GRANT CONNECT ON DATABASE ${ident(pgTarget.database)} TO ${ident(principal)}`);
      await client.query('COMMIT');
    } catch (error) {
      await client.query('ROLLBACK').catch(() => {});
      throw error;
    }
  });
  return { principal };
}

async function ensureLoginRole(client: pg.Client, principal: string, target: GrantTarget) {
  const validUntil = literal(target.expiresAt.toISOString());
  const { rows } = await client.query<{ rolsuper: boolean }>('SELECT rolsuper FROM pg_roles WHERE rolname = $1', [principal]);
  if (rows.length === 0) {
    // PASSWORD NULL: nobody can log in until the holder asks for credentials.
    await client.query(
      `CREATE ROLE ${ident(principal)} WITH LOGIN INHERIT NOSUPERUSER NOCREATEDB NOCREATEROLE NOREPLICATION NOBYPASSRLS PASSWORD NULL VALID UNTIL ${validUntil}`,
    );
  } else {
    if (rows[0]!.rolsuper) throw new ConnectorError(`role ${principal} exists and is a superuser; refusing to hand it out`);
    // A retry after a crash: keep any password already issued, re-assert login and the end time.
    await client.query(`ALTER ROLE ${ident(principal)} WITH LOGIN INHERIT VALID UNTIL ${validUntil}`);
  }
  await client.query(`COMMENT ON ROLE ${ident(principal)} IS ${literal(roleComment(target))}`);
}

async function matchMemberships(client: pg.Client, principal: string, roles: string[]) {
  const { rows: targets } = await client.query<{ rolname: string; rolsuper: boolean }>('SELECT rolname, rolsuper FROM pg_roles WHERE rolname = ANY($1)', [roles]);
  const missing = roles.filter((r) => !targets.some((t) => t.rolname === r));
  if (missing.length > 0) throw new ConnectorError(`role ${missing.map((r) => `"${r}"`).join(', ')} does not exist on the target`);
  // Membership in a superuser role lets the holder SET ROLE to it: never hand that out.
  const superRoles = targets.filter((t) => t.rolsuper).map((t) => t.rolname);
  if (superRoles.length > 0) throw new ConnectorError(`role "${superRoles[0]}" is a superuser; refusing to grant it`);

  const current = await memberships(client, principal);
  for (const role of roles) if (!current.includes(role)) await client.query(`GRANT ${ident(role)} TO ${ident(principal)}`);
  for (const role of current) if (!roles.includes(role)) await client.query(`REVOKE ${ident(role)} FROM ${ident(principal)}`);
}

/** The roles `principal` is a direct member of. */
export async function memberships(client: pg.Client, principal: string): Promise<string[]> {
  const { rows } = await client.query<{ rolname: string }>(
    `SELECT g.rolname FROM pg_auth_members m JOIN pg_roles g ON g.oid = m.roleid JOIN pg_roles r ON r.oid = m.member WHERE r.rolname = $1 ORDER BY 1`,
    [principal],
  );
  return rows.map((r) => r.rolname);
}
