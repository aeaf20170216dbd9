import { z } from 'zod';
import type { GrantTarget } from '../types';

/** Resource settings (non-secret, in the database). The admin URL itself comes from the env var they name. */
export const postgresResourceSettingsSchema = z.strictObject({
  adminUrlEnv: z.string().regex(/^[A-Za-z_][A-Za-z0-9_]*$/, 'must be an environment variable name').default('TARGET_PG_URL'),
  // Only a password-less URL may live in the database; a URL with a password belongs in the env var.
  defaultAdminUrl: z
    .string()
    .refine((v) => URL.canParse(v) && /^postgres(ql)?:$/.test(new URL(v).protocol), 'must be a postgresql:// URL')
    .refine((v) => !URL.canParse(v) || new URL(v).password === '', 'must not contain a password; put that URL in the env var named by adminUrlEnv')
    .optional(),
  database: z.string().min(1).max(63).optional(),
  publicHost: z.string().min(1).max(255).optional(),
  publicPort: z.number().int().min(1).max(65_535).optional(),
});

// Role names are quoted in SQL anyway; the pattern is for clear errors, and tbx_ roles are Timebox's own per-grant roles.
const roleName = z
  .string()
  .regex(/^[A-Za-z_][A-Za-z0-9_$-]{0,62}$/, 'must be a PostgreSQL role name (letters, digits, _ $ -, at most 63)')
  .refine((r) => !r.toLowerCase().startsWith('tbx_'), 'tbx_ roles are the per-grant login roles Timebox makes');

/** Entitlement settings: the roles a grant's login role becomes a member of. */
export const postgresEntitlementSettingsSchema = z.strictObject({
  roles: z.array(roleName).min(1).max(20),
});

export type PostgresEntitlementSettings = z.infer<typeof postgresEntitlementSettingsSchema>;

/** Parses settings or throws one readable line naming the bad setting (it becomes a grant's failure reason). */
export function parseSettings<T>(schema: z.ZodType<T>, value: unknown, what: string): T {
  const parsed = schema.safeParse(value);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0]!;
  if (issue.code === 'unrecognized_keys') throw new Error(`unknown ${what} setting "${issue.keys.join('", "')}"`);
  throw new Error(`invalid ${what} setting "${issue.path.join('.') || '(settings)'}": ${issue.message}`);
}

export interface PostgresTarget {
  /** Admin URL pointed at the managed database. Secret when it holds a password: never log it, never put it in a message. */
  adminUrl: string;
  database: string;
  publicHost: string;
  publicPort: number;
}

/** Where to connect as admin, and what users are told to connect to. */
export function resolvePostgresTarget(resource: GrantTarget['resource'], env: Record<string, string | undefined>): PostgresTarget {
  const s = parseSettings(postgresResourceSettingsSchema, resource.settings, 'postgres resource');
  const raw = env[s.adminUrlEnv] || s.defaultAdminUrl;
  if (!raw) throw new Error(`postgres resource "${resource.slug}": ${s.adminUrlEnv} is not set and there is no defaultAdminUrl`);
  // The value may hold a password: the message names the variable, never the value.
  if (!URL.canParse(raw) || !/^postgres(ql)?:$/.test(new URL(raw).protocol)) throw new Error(`${s.adminUrlEnv} is not a postgresql:// URL`);
  const url = new URL(raw);
  const database = s.database ?? (decodeURIComponent(url.pathname.slice(1)) || 'postgres');
  url.pathname = `/${encodeURIComponent(database)}`;
  return {
    adminUrl: url.toString(),
    database,
    publicHost: s.publicHost ?? url.hostname.replace(/^\[(.*)\]$/, '$1'),
    publicPort: s.publicPort ?? Number(url.port || 5432),
  };
}

/** The target roles every entitlement of a resource hands out, skipping settings that do not parse (reconciliation reports what it can). */
export function handedOutRoles(entitlements: { settings: Record<string, unknown> }[]): string[] {
  const roles = entitlements.flatMap((e) => postgresEntitlementSettingsSchema.safeParse(e.settings).data?.roles ?? []);
  return [...new Set(roles)];
}
