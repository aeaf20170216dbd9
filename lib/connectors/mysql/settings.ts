import { z } from 'zod';
import type { GrantTarget } from '../types';

const mysqlUrl = (v: string) => URL.canParse(v) && /^(mysql|mariadb):$/.test(new URL(v).protocol);

/** Resource settings (non-secret, in the database). The admin URL itself comes from the env var they name. */
export const mysqlResourceSettingsSchema = z.strictObject({
  adminUrlEnv: z.string().regex(/^[A-Za-z_][A-Za-z0-9_]*$/, 'must be an environment variable name').default('TARGET_MYSQL_URL'),
  // Only a password-less URL may live in the database; a URL with a password belongs in the env var.
  defaultAdminUrl: z
    .string()
    .refine(mysqlUrl, 'must be a mysql:// URL')
    .refine((v) => !URL.canParse(v) || new URL(v).password === '', 'must not contain a password; put that URL in the env var named by adminUrlEnv')
    .optional(),
  /** The database users are pointed at, and where the end-time event lives. Default: the admin URL's. */
  database: z.string().regex(/^[A-Za-z0-9_$]{1,64}$/, 'must be a database name (letters, digits, _ $)').optional(),
  publicHost: z.string().min(1).max(255).optional(),
  publicPort: z.number().int().min(1).max(65_535).optional(),
  /** Host part of the per-grant accounts ('%' = from anywhere; e.g. '10.%' to allow the app network only). */
  userHost: z.string().regex(/^[A-Za-z0-9.%_:-]{1,60}$/, 'must be a MariaDB host pattern').default('%'),
});

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

/** Parses settings or throws one readable line naming the bad setting (it becomes a grant's failure reason). */
export function parseSettings<T>(schema: z.ZodType<T>, value: unknown, what: string): T {
  const parsed = schema.safeParse(value);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0]!;
  if (issue.code === 'unrecognized_keys') throw new Error(`unknown ${what} setting "${issue.keys.join('", "')}"`);
  throw new Error(`invalid ${what} setting "${issue.path.join('.') || '(settings)'}": ${issue.message}`);
}

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
  const raw = env[s.adminUrlEnv] || s.defaultAdminUrl;
  if (!raw) throw new Error(`mysql resource "${resource.slug}": ${s.adminUrlEnv} is not set and there is no defaultAdminUrl`);
  // The value may hold a password: the message names the variable, never the value.
  if (!mysqlUrl(raw)) throw new Error(`${s.adminUrlEnv} is not a mysql:// URL`);
  const url = new URL(raw);
  const database = s.database ?? decodeURIComponent(url.pathname.slice(1));
  if (!database) throw new Error(`mysql resource "${resource.slug}": no database (set "database" or put one in the admin URL)`);
  const host = url.hostname.replace(/^\[(.*)\]$/, '$1') || '127.0.0.1';
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
