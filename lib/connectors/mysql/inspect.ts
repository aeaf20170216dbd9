import type mysql from 'mysql2/promise';
import { ConnectorError } from '../kit/connector-error';
import { grantPrincipal, PRINCIPAL_PREFIX } from '../kit/principal-name';
import type { ActualAccess, GrantTarget } from '../types';
import type { MysqlAdmin } from './admin-client';
import { dropUser } from './deprovision';
import { endEventName, eventComment } from './end-event';
import { dbPatternCovers, grantObject, type PrivilegeRow, privilegeRows } from './privileges';
import type { MysqlTarget } from './settings';
import { ALLOWED_PRIVILEGES, entitlementGrant, mysqlEntitlementSettingsSchema } from './settings';
import { account } from './sql-quote';

// Accounts MariaDB itself (or its installer) owns; never reported, never touched.
const SYSTEM_USERS = new Set(['root', 'mariadb.sys', 'mysql']);

type UserRow = mysql.RowDataPacket & { User: string; Host: string };

/** Does the grant's user exist with every privilege its entitlement hands out? */
export async function verifyUser(admin: MysqlAdmin, t: MysqlTarget, target: GrantTarget): Promise<boolean> {
  const { privileges, db, table } = entitlementGrant(target.entitlement.settings, t.database);
  const user = grantPrincipal(target.grantId);
  return admin.withAdmin(t, async (c) => {
    const [users] = await c.query<UserRow[]>('SELECT User, Host FROM mysql.user WHERE User = ? AND Host = ?', [user, t.userHost]);
    if (users.length === 0) return false;
    const object = grantObject(db, table);
    const held = (await privilegeRows(c)).filter((r) => r.user === user && r.host === t.userHost && r.object === object).map((r) => r.privilege);
    return privileges.every((p) => held.includes(p));
  });
}

const describe = (r: PrivilegeRow) => `${r.privilege} ON ${r.object}`;

/**
 * What the server really grants: every tbx_ user (but those whose end event ties them to another
 * resource) with its privileges, and every other account, root and the admin aside, holding privileges
 * that reach this resource's databases (database or table level, or data privileges on *.*) — drift.
 */
export async function listUsers(admin: MysqlAdmin, t: MysqlTarget, resource: GrantTarget['resource'], entitlements: { settings: Record<string, unknown> }[]): Promise<ActualAccess[]> {
  const managed = new Set([t.database]);
  for (const e of entitlements) {
    const on = mysqlEntitlementSettingsSchema.safeParse(e.settings).data?.on;
    if (on) managed.add(on.split('.')[0]!);
  }
  return admin.withAdmin(t, async (c) => {
    const rows = await privilegeRows(c);
    const [tbxUsers] = await c.query<UserRow[]>(`SELECT User, Host FROM mysql.user WHERE User LIKE 'tbx\\_%' ORDER BY User, Host`);
    const [events] = await c.query<(mysql.RowDataPacket & { EVENT_NAME: string; EVENT_COMMENT: string })[]>(
      `SELECT EVENT_NAME, EVENT_COMMENT FROM information_schema.EVENTS WHERE EVENT_NAME LIKE 'tbx\\_end\\_%'`,
    );
    const [[me]] = await c.query<(mysql.RowDataPacket & { me: string })[]>('SELECT CURRENT_USER() AS me');
    const access: ActualAccess[] = [];

    for (const u of tbxUsers) {
      const comment = events.find((e) => e.EVENT_NAME === endEventName(u.User))?.EVENT_COMMENT;
      if (comment?.startsWith('timebox resource ') && comment !== eventComment(resource.id)) continue; // another Timebox resource on this server
      const detail = comment ?? 'no end event (expired already, event scheduler dropped it, or not made by this Timebox)';
      const held = rows.filter((r) => r.user === u.User && r.host === u.Host);
      if (held.length === 0) access.push({ principal: `${u.User}@${u.Host}`, role: 'USAGE', detail });
      for (const r of held) access.push({ principal: `${u.User}@${u.Host}`, role: describe(r), detail });
    }

    for (const r of rows) {
      if (r.user.startsWith(PRINCIPAL_PREFIX) || SYSTEM_USERS.has(r.user) || `${r.user}@${r.host}` === me?.me) continue;
      const reaches =
        (r.level === 'global' && (ALLOWED_PRIVILEGES as readonly string[]).includes(r.privilege)) ||
        (r.level === 'database' && [...managed].some((db) => dbPatternCovers(r.db!, db))) ||
        (r.level === 'table' && managed.has(r.db!));
      if (reaches) access.push({ principal: `${r.user}@${r.host}`, role: describe(r), detail: 'granted outside Timebox' });
    }
    return access;
  });
}

const OBJECT = /^(\*\.\*|`(?:[^`]|``)+`\.(?:\*|`(?:[^`]|``)+`))$/;

/**
 * Removes one row listActual reported (reconciliation with TIMEBOX_RECONCILE=remove): a tbx_ user is
 * dropped and its connections killed, like a deprovision; another account loses only that privilege.
 */
export async function removeUserAccess(admin: MysqlAdmin, t: MysqlTarget, access: ActualAccess): Promise<void> {
  const at = access.principal.lastIndexOf('@');
  const [user, host] = at < 0 ? [access.principal, t.userHost] : [access.principal.slice(0, at), access.principal.slice(at + 1)];
  if (user.startsWith(PRINCIPAL_PREFIX)) return dropUser(admin, t, user, host);
  const m = access.role.match(/^([A-Z][A-Z ]*) ON (.+)$/);
  if (!m || !OBJECT.test(m[2]!)) throw new ConnectorError(`mysql: cannot remove "${access.role}": not a privilege listActual reports`);
  await admin.withAdmin(t, async (c) => {
    const [[me]] = await c.query<(mysql.RowDataPacket & { me: string })[]>('SELECT CURRENT_USER() AS me');
    if (SYSTEM_USERS.has(user) || `${user}@${host}` === me?.me) throw new ConnectorError(`refusing to change system or admin account ${access.principal}`);
    await c.query(`REVOKE ${m[1]} ON ${m[2]} FROM ${account(user, host)}`);
  });
}
