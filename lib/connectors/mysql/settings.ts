import { z } from 'zod';
import { type AdminUrlScheme, adminUrlFromEnv, adminUrlSettings, unbracketedHost } from '../kit/admin-url';
import { ConnectorError } from '../kit/connector-error';
import { parseSettings } from '../kit/parse-settings';
import type { GrantTarget } from '../types';

const MYSQL_URL: AdminUrlScheme = { kind: 'mysql', label: 'mysql://', protocols: ['mysql:', 'mariadb:'] };

/** Resource settings (non-secret, in the database). The admin URL itself comes from the env var they name. */
export const mysqlResourceSettingsSchema = z.strictObject({
  ...adminUrlSettings(MYSQL_URL, 'TARGET_MYSQL_URL'),
  /** The database users are pointed at, and where the end-time event lives. Default: the admin URL's. */
  database: z.string().regex(/^[A-Za-z0-9_$]{1,64}$/, 'must be a database name (letters, digits, _ $)').optional(),
  publicHost: z.string().min(1).max(255).optional(),
  publicPort: z.number().int().min(1).max(65_535).optional(),
  /** Host part of the per-grant accounts ('%' = from anywhere; e.g. '10.%' to allow the app network only). */
  userHost: z.string().regex(/^[A-Za-z0-9.%_:-]{1,60}$/, 'must be a MariaDB host pattern').default('%'),
});

/** Resource settings that fit this kind, shown as the example on the admin form. */
export const mysqlResourceSettingsExample = { adminUrlEnv: 'TARGET_MYSQL_URL', database: 'app', publicHost: 'db.internal', userHost: '10.%' };

/** What an entitlement may hand out: object-level privileges only (no GRANT OPTION, no global admin privileges). */
export const ALLOWED_PRIVILEGES = [
  'SELECT',
  'INSERT',
  'UPDATE',
  'DELETE',
  'CREATE',
  'DROP',
  'ALTER',
  'INDEX',
  'CREATE VIEW',
  'SHOW VIEW',
  'TRIGGER',
  'EXECUTE',
  'CREATE ROUTINE',
  'ALTER ROUTINE',
  'CREATE TEMPORARY TABLES',
  'LOCK TABLES',
  'REFERENCES',
] as const;

const name = '[A-Za-z0-9_$]{1,64}';

/** Entitlement settings: privileges on `db.*` or `db.table`. */
export const mysqlEntitlementSettingsSchema = z.strictObject({
  privileges: z
    .array(z.string().transform((p) => p.trim().toUpperCase().replace(/\s+/g, ' ')))
    .min(1)
    .refine((ps) => ps.every((p) => (ALLOWED_PRIVILEGES as readonly string[]).includes(p)), `each must be one of ${ALLOWED_PRIVILEGES.join(', ')}`),
  on: z
    .string()
    .regex(new RegExp(`^${name}\\.(\\*|${name})$`), 'must be "database.*" or "database.table"')
    .optional(),
});

export type MysqlEntitlementSettings = z.infer<typeof mysqlEntitlementSettingsSchema>;

export interface MysqlTarget {
  /** Admin connection. `password` is a secret: never log it, never put it in a message. */
  admin: { host: string; port: number; user: string; password: string };
  adminUrlEnv: string;
  database: string;
  publicHost: string;
  publicPort: number;
  userHost: string;
}

/** Where to connect as admin, and what users are told to connect to. */
export function resolveMysqlTarget(resource: GrantTarget['resource'], env: Record<string, string | undefined>): MysqlTarget {
  const s = parseSettings(mysqlResourceSettingsSchema, resource.settings, 'mysql resource');
  const url = adminUrlFromEnv(MYSQL_URL, resource, s, env);
  const database = s.database ?? decodeURIComponent(url.pathname.slice(1));
  if (!database) throw new ConnectorError(`mysql resource "${resource.slug}": no database (set "database" or put one in the admin URL)`);
  const host = unbracketedHost(url) || '127.0.0.1';
  const port = Number(url.port || 3306);
  return {
    admin: { host, port, user: decodeURIComponent(url.username || 'root'), password: decodeURIComponent(url.password) },
    adminUrlEnv: s.adminUrlEnv,
    database,
    publicHost: s.publicHost ?? host,
    publicPort: s.publicPort ?? port,
    userHost: s.userHost,
  };
}

/** An entitlement's privileges and object, `on` defaulting to the resource's database. */
export function entitlementGrant(settings: Record<string, unknown>, database: string): { privileges: string[]; db: string; table: string | null } {
  const s = parseSettings(mysqlEntitlementSettingsSchema, settings, 'mysql entitlement');
  const [db, table] = (s.on ?? `${database}.*`).split('.') as [string, string];
  return { privileges: [...new Set(s.privileges)], db, table: table === '*' ? null : table };
}
