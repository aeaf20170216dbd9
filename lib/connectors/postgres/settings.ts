import { z } from 'zod';
import { type AdminUrlScheme, adminUrlFromEnv, adminUrlSettings, unbracketedHost } from '../kit/admin-url';
import { parseSettings } from '../kit/parse-settings';
import type { GrantTarget } from '../types';

const POSTGRES_URL: AdminUrlScheme = { kind: 'postgres', label: 'postgresql://', protocols: ['postgres:', 'postgresql:'] };

/** Resource settings (non-secret, in the database). The admin URL itself comes from the env var they name. */
export const postgresResourceSettingsSchema = z.strictObject({
  ...adminUrlSettings(POSTGRES_URL, 'TARGET_PG_URL'),
  database: z.string().min(1).max(63).optional(),
  publicHost: z.string().min(1).max(255).optional(),
  publicPort: z.number().int().min(1).max(65_535).optional(),
});

/** Resource settings that fit this kind, shown as the example on the admin form. */
export const postgresResourceSettingsExample = { adminUrlEnv: 'TARGET_PG_URL', database: 'app', publicHost: 'db.internal', publicPort: 5432 };

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
  const url = adminUrlFromEnv(POSTGRES_URL, resource, s, env);
  const database = s.database ?? (decodeURIComponent(url.pathname.slice(1)) || 'postgres');
  url.pathname = `/${encodeURIComponent(database)}`;
  return {
    adminUrl: url.toString(),
    database,
    publicHost: s.publicHost ?? unbracketedHost(url),
    publicPort: s.publicPort ?? Number(url.port || 5432),
  };
}

/** The target roles every entitlement of a resource hands out, skipping settings that do not parse (reconciliation reports what it can). */
export function handedOutRoles(entitlements: { settings: Record<string, unknown> }[]): string[] {
  const roles = entitlements.flatMap((e) => postgresEntitlementSettingsSchema.safeParse(e.settings).data?.roles ?? []);
  return [...new Set(roles)];
}
