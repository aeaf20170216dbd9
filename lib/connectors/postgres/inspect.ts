import { ConnectorError } from '../kit/connector-error';
import { parseSettings } from '../kit/parse-settings';
import { grantPrincipal } from '../kit/principal-name';
import type { ActualAccess, GrantTarget } from '../types';
import type { PostgresAdmin } from './admin-client';
import { dropLoginRole } from './deprovision';
import { memberships } from './provision';
import type { PostgresTarget } from './settings';
import { handedOutRoles, postgresEntitlementSettingsSchema } from './settings';
import { ident } from './sql-quote';

/** Does the grant's role exist, may log in, have its end time in the future and every entitlement role? */
export async function verifyRole(admin: PostgresAdmin, pgTarget: PostgresTarget, target: GrantTarget, now: Date): Promise<boolean> {
  const { roles } = parseSettings(postgresEntitlementSettingsSchema, target.entitlement.settings, 'postgres entitlement');
  const principal = grantPrincipal(target.grantId);
  return admin.withAdmin(pgTarget.adminUrl, async (client) => {
    const { rows } = await client.query<{ rolcanlogin: boolean; rolvaliduntil: Date | null }>(
      'SELECT rolcanlogin, rolvaliduntil FROM pg_roles WHERE rolname = $1',
      [principal],
    );
    const role = rows[0];
    if (!role?.rolcanlogin || !role.rolvaliduntil || role.rolvaliduntil <= now) return false;
    const held = await memberships(client, principal);
    return roles.every((r) => held.includes(r));
  });
}

interface TbxRoleRow {
  rolname: string;
  rolcanlogin: boolean;
  rolvaliduntil: Date | null;
  comment: string | null;
  member_of: string[];
}

/**
 * What the server really grants: every tbx_ role (but those whose comment ties them to another resource)
 * with its memberships, and every other non-superuser role that is a direct member of a role this
 * resource's entitlements hand out — a role someone granted pg_read_all_data by hand is drift.
 */
export async function listRoles(
  admin: PostgresAdmin,
  pgTarget: PostgresTarget,
  resource: GrantTarget['resource'],
  entitlements: { settings: Record<string, unknown> }[],
): Promise<ActualAccess[]> {
  const targetRoles = handedOutRoles(entitlements);
  return admin.withAdmin(pgTarget.adminUrl, async (client) => {
    const access: ActualAccess[] = [];
    const { rows: tbx } = await client.query<TbxRoleRow>(
      `SELECT r.rolname, r.rolcanlogin, r.rolvaliduntil, shobj_description(r.oid, 'pg_authid') AS comment,
              coalesce(array_agg(g.rolname::text ORDER BY g.rolname) FILTER (WHERE g.rolname IS NOT NULL), '{}'::text[]) AS member_of
         FROM pg_roles r LEFT JOIN pg_auth_members m ON m.member = r.oid LEFT JOIN pg_roles g ON g.oid = m.roleid
        WHERE r.rolname LIKE 'tbx\\_%'
        GROUP BY r.oid, r.rolname, r.rolcanlogin, r.rolvaliduntil`,
    );
    for (const row of tbx) {
      const owner = row.comment?.match(/\bresource (\S+)/)?.[1];
      if (owner && owner !== resource.id) continue; // another Timebox resource on the same server
      const login = row.rolcanlogin ? `login${row.rolvaliduntil ? ` until ${row.rolvaliduntil.toISOString()}` : ', no end time'}` : 'nologin';
      const detail = `${login}${row.comment ? `; ${row.comment}` : '; not made by this Timebox'}`;
      if (row.member_of.length === 0) access.push({ principal: row.rolname, role: row.rolcanlogin ? 'LOGIN' : 'NOLOGIN', detail });
      for (const role of row.member_of) access.push({ principal: row.rolname, role, detail });
    }
    if (targetRoles.length > 0) {
      // oid >= 16384 skips PostgreSQL's predefined roles (pg_monitor is a member of pg_read_all_stats, by design).
      const { rows: members } = await client.query<{ member: string; role: string; rolcanlogin: boolean }>(
        `SELECT m.rolname AS member, g.rolname AS role, m.rolcanlogin
           FROM pg_auth_members am JOIN pg_roles g ON g.oid = am.roleid JOIN pg_roles m ON m.oid = am.member
          WHERE g.rolname = ANY($1) AND m.rolname NOT LIKE 'tbx\\_%' AND NOT m.rolsuper AND m.rolname <> current_user AND m.oid >= 16384
          ORDER BY 1, 2`,
        [targetRoles],
      );
      for (const m of members) {
        access.push({ principal: m.member, role: m.role, detail: `${m.rolcanlogin ? 'login' : 'nologin'} role; membership granted outside Timebox` });
      }
    }
    return access;
  });
}

/**
 * Removes one row listActual reported (reconciliation with TIMEBOX_RECONCILE=remove): a tbx_ role is
 * dropped like a deprovision; another role loses only the membership in the handed-out role.
 */
export async function removeRoleAccess(admin: PostgresAdmin, pgTarget: PostgresTarget, access: ActualAccess): Promise<void> {
  if (access.principal.startsWith('tbx_')) return dropLoginRole(admin, pgTarget, access.principal);
  await admin.withAdmin(pgTarget.adminUrl, async (client) => {
    const { rows } = await client.query<{ rolsuper: boolean; me: boolean }>('SELECT rolsuper, rolname = current_user AS me FROM pg_roles WHERE rolname = $1', [
      access.principal,
    ]);
    if (rows.length === 0) return;
    if (rows[0]!.rolsuper || rows[0]!.me) throw new ConnectorError(`refusing to change superuser or admin role "${access.principal}"`);
    await client.query(`REVOKE ${ident(access.role)} FROM ${ident(access.principal)}`);
  });
}
