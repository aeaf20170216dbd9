import path from 'node:path';
import { z } from 'zod';
import { compileTrustedProxies } from '@/lib/http/client-ip';

const booleanFlag = z
  .enum(['true', 'false', '1', '0'], { message: 'must be true or false' })
  .transform((v) => v === 'true' || v === '1');

// Dev sign-in needs a second, explicit word before it is served beyond this machine.
const devLoginFlag = z
  .enum(['true', 'false', '1', '0', 'i-understand'], { message: 'must be true, false or i-understand' })
  .transform((v) => (v === 'i-understand' ? ('exposed' as const) : v === 'true' || v === '1'));

/** 127.0.0.0/8, ::1 and localhost: only this machine can reach a server listening there. */
export function isLoopbackHost(host: string): boolean {
  const h = host.trim().toLowerCase().replace(/^\[|\]$/g, '');
  return h === 'localhost' || h === '::1' || /^127(?:\.\d{1,3}){3}$/.test(h) || /^::ffff:127(?:\.\d{1,3}){3}$/.test(h);
}

const postgresUrl = z
  .string()
  .trim()
  .refine((value) => {
    try {
      const url = new URL(value);
      const isPostgres = url.protocol === 'postgres:' || url.protocol === 'postgresql:';
      return isPostgres && (url.hostname !== '' || url.searchParams.has('host'));
    } catch {
      return false;
    }
  }, 'must be a postgresql:// URL such as postgresql://user:pass@host:5432/db');

const urlWithProtocol = (protocols: string[], hint: string) =>
  z
    .string()
    .trim()
    .refine((value) => {
      try {
        return protocols.includes(new URL(value).protocol);
      } catch {
        return false;
      }
    }, hint);
const smtpUrl = urlWithProtocol(['smtp:', 'smtps:'], 'must be an smtp:// or smtps:// URL such as smtps://user:pass@mail.example.com:465');
const httpUrl = urlWithProtocol(['http:', 'https:'], 'must be an http(s):// URL');

const emptyAsUndefined = (v: unknown) => (typeof v === 'string' && v.trim() === '' ? undefined : v);

/** A comma-separated list of IdP group names (names may contain spaces, as Entra's often do). */
const groupList = z
  .string()
  .default('')
  .transform((v) => [...new Set(v.split(',').map((g) => g.trim()).filter(Boolean))]);

// Every environment variable Timebox reads, in one place. README's table mirrors this schema.
export const envSchema = z.object({
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
  PORT: z.preprocess(emptyAsUndefined, z.coerce.number({ message: 'must be a port number' }).int('must be a whole number').min(1, 'must be between 1 and 65535').max(65535, 'must be between 1 and 65535').default(3000)),
  TIMEBOX_LISTEN_HOST: z.preprocess(emptyAsUndefined, z.string().default('127.0.0.1')),
  DATABASE_URL: z.preprocess(emptyAsUndefined, postgresUrl.optional()),
  // The role migrations run as (it owns the tables); DATABASE_URL's role then needs DML only. Unset: DATABASE_URL migrates.
  DATABASE_MIGRATION_URL: z.preprocess(emptyAsUndefined, postgresUrl.optional()),
  TIMEBOX_DATA_DIR: z.preprocess(emptyAsUndefined, z.string().default('.data')),
  AUTH_SECRET: z.preprocess(emptyAsUndefined, z.string().min(32, 'must be at least 32 characters').optional()),
  // Signs audit events and chain checkpoints. Kept outside the database, so rows written behind the app's back show.
  AUDIT_SIGNING_KEY: z.preprocess(emptyAsUndefined, z.string().trim().min(32, 'must be at least 32 characters').optional()),
  // Where signed checkpoints of the audit chain's head are appended (JSON lines). Default: <TIMEBOX_DATA_DIR>/audit-checkpoints.jsonl.
  AUDIT_CHECKPOINT_FILE: z.preprocess(emptyAsUndefined, z.string().optional()),
  AUDIT_CHECKPOINT_INTERVAL_SECONDS: z.preprocess(emptyAsUndefined, z.coerce.number({ message: 'must be a number of seconds' }).int('must be a whole number').min(10, 'must be at least 10 seconds').max(86_400, 'must be at most 86400 (a day)').default(300)),
  NEXTAUTH_URL: z.preprocess(emptyAsUndefined, z.url({ message: 'must be an absolute URL' }).optional()),
  AUTH_SESSION_MAX_AGE: z.preprocess(emptyAsUndefined, z.coerce.number({ message: 'must be a number of seconds' }).int('must be a whole number of seconds').min(60, 'must be at least 60 seconds').max(30 * 24 * 3600, 'must be at most 30 days (2592000 seconds)').default(12 * 3600)),
  AUTH_DEV_LOGIN: z.preprocess(emptyAsUndefined, devLoginFlag.optional()),
  OIDC_ISSUER: z.preprocess(emptyAsUndefined, z.url({ message: 'must be the issuer URL' }).optional()),
  OIDC_CLIENT_ID: z.preprocess(emptyAsUndefined, z.string().optional()),
  OIDC_CLIENT_SECRET: z.preprocess(emptyAsUndefined, z.string().optional()),
  OIDC_ALLOW_UNVERIFIED_EMAIL: z.preprocess(emptyAsUndefined, booleanFlag.optional()),
  OIDC_GROUPS_CLAIM: z.preprocess(emptyAsUndefined, z.string().default('groups')),
  OIDC_NAME: z.preprocess(emptyAsUndefined, z.string().default('Single sign-on')),
  // Portal roles from IdP groups (lib/services/identity/follow-idp.ts), re-evaluated at OIDC sign-in and SCIM updates.
  TIMEBOX_ADMIN_GROUPS: z.preprocess(emptyAsUndefined, groupList),
  TIMEBOX_AUDITOR_GROUPS: z.preprocess(emptyAsUndefined, groupList),
  TIMEBOX_ROLES_FROM_IDP: z.preprocess(emptyAsUndefined, booleanFlag.default(false)),
  TIMEBOX_REVOKE_ON_GROUP_LOSS: z.preprocess(emptyAsUndefined, booleanFlag.default(false)),
  TIMEBOX_SCHEDULER: z.preprocess(emptyAsUndefined, z.enum(['internal', 'external'], { message: 'must be internal or external' }).default('internal')),
  TIMEBOX_SWEEP_INTERVAL_SECONDS: z.preprocess(emptyAsUndefined, z.coerce.number({ message: 'must be a number of seconds' }).int().min(1).max(3600).default(5)),
  TIMEBOX_RECONCILE: z.preprocess(emptyAsUndefined, z.enum(['report', 'remove'], { message: 'must be report or remove' }).default('report')),
  TIMEBOX_SSH_CA_KEY: z.preprocess(emptyAsUndefined, z.string().optional()),
  LOG_LEVEL: z.preprocess(emptyAsUndefined, z.enum(['debug', 'info', 'warn', 'error']).default('info')),
  TIMEBOX_TRUSTED_PROXIES: z.preprocess(
    emptyAsUndefined,
    z
      .string()
      .refine((value) => {
        try {
          compileTrustedProxies(value);
          return true;
        } catch {
          return false;
        }
      }, 'must be a number of hops, or a comma-separated list of addresses, CIDRs, loopback, linklocal or uniquelocal')
      .optional(),
  ),
  CRON_SECRET: z.preprocess(emptyAsUndefined, z.string().min(16, 'must be at least 16 characters').optional()),
  TIMEBOX_BREAK_GLASS_PER_DAY: z.preprocess(emptyAsUndefined, z.coerce.number({ message: 'must be a number' }).int('must be a whole number').min(1, 'must be at least 1').max(100, 'must be at most 100').default(3)),
  TIMEBOX_BREAK_GLASS_REVIEW_HOURS: z.preprocess(emptyAsUndefined, z.coerce.number({ message: 'must be a number of hours' }).int('must be a whole number').min(1, 'must be at least 1').max(8760, 'must be at most 8760').default(72)),
  // Notifications (lib/notify): each channel is optional and on when its variables are set.
  SMTP_URL: z.preprocess(emptyAsUndefined, smtpUrl.optional()),
  SMTP_FROM: z.preprocess(emptyAsUndefined, z.string().trim().min(3).optional()),
  NOTIFY_WEBHOOK_URL: z.preprocess(emptyAsUndefined, httpUrl.optional()),
  NOTIFY_WEBHOOK_SECRET: z.preprocess(emptyAsUndefined, z.string().min(16, 'must be at least 16 characters').optional()),
  SLACK_WEBHOOK_URL: z.preprocess(emptyAsUndefined, httpUrl.optional()),
  TIMEBOX_REMINDER_MINUTES: z.preprocess(emptyAsUndefined, z.coerce.number({ message: 'must be a number of minutes' }).int().min(0).max(1440).default(10)),
});

export type RawEnv = z.infer<typeof envSchema>;

export interface AppConfig extends RawEnv {
  /** Absolute data directory (PGlite files, generated secrets). */
  dataDir: string;
  /** Absolute path of the audit checkpoint file. */
  auditCheckpointFile: string;
  /** true when no DATABASE_URL is set: PGlite in-process. */
  embedded: boolean;
  devLogin: boolean;
  oidc: { issuer: string; clientId: string; clientSecret: string; groupsClaim: string; name: string } | null;
}

export class ConfigError extends Error {
  constructor(public readonly variable: string, message: string) {
    super(`${variable} ${message}`);
    this.name = 'ConfigError';
  }
}

/** Parses the environment; throws ConfigError naming the first bad variable. */
export function parseConfig(env: Record<string, string | undefined> = process.env): AppConfig {
  const parsed = envSchema.safeParse(env);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new ConfigError(String(issue.path[0] ?? 'environment'), issue.message);
  }
  const raw = parsed.data;
  const embedded = !raw.DATABASE_URL;

  const oidcParts = [raw.OIDC_ISSUER, raw.OIDC_CLIENT_ID, raw.OIDC_CLIENT_SECRET];
  if (oidcParts.some(Boolean) && !oidcParts.every(Boolean)) {
    const missing = ['OIDC_ISSUER', 'OIDC_CLIENT_ID', 'OIDC_CLIENT_SECRET'].find((_, i) => !oidcParts[i])!;
    throw new ConfigError(missing, 'is required when any OIDC_* variable is set');
  }

  // Dev sign-in makes anyone who can reach the server any seeded user, admin included. In production it is
  // off unless asked for, whatever the database; served beyond loopback it needs `i-understand`.
  const devLogin = raw.AUTH_DEV_LOGIN === undefined ? raw.NODE_ENV !== 'production' : raw.AUTH_DEV_LOGIN !== false;
  if (devLogin && !isLoopbackHost(raw.TIMEBOX_LISTEN_HOST) && raw.AUTH_DEV_LOGIN !== 'exposed') {
    throw new ConfigError(
      'AUTH_DEV_LOGIN',
      `is on while TIMEBOX_LISTEN_HOST=${raw.TIMEBOX_LISTEN_HOST} is reachable from other machines: anyone there could sign in as any demo user, admin included. Set AUTH_DEV_LOGIN=false (and configure OIDC), listen on 127.0.0.1, or set AUTH_DEV_LOGIN=i-understand`,
    );
  }

  if (embedded && raw.DATABASE_MIGRATION_URL) {
    throw new ConfigError('DATABASE_MIGRATION_URL', 'is set without DATABASE_URL: the embedded database has no separate roles (set both, or neither)');
  }

  if (!embedded && !raw.AUTH_SECRET) {
    throw new ConfigError('AUTH_SECRET', 'is required when DATABASE_URL is set (32+ random characters, e.g. `openssl rand -hex 32`)');
  }

  // The IdP deciding every role with no admin group would demote every admin at their next sign-in.
  if (raw.TIMEBOX_ROLES_FROM_IDP && raw.TIMEBOX_ADMIN_GROUPS.length === 0) {
    throw new ConfigError('TIMEBOX_ADMIN_GROUPS', 'is required when TIMEBOX_ROLES_FROM_IDP=true (otherwise nobody could stay admin)');
  }
  // Embedded, the key is generated under the data directory like AUTH_SECRET. On a shared database in
  // production every instance must sign with the same key, and it must not live beside the data it protects.
  if (!embedded && raw.NODE_ENV === 'production' && !raw.AUDIT_SIGNING_KEY) {
    throw new ConfigError('AUDIT_SIGNING_KEY', 'is required in production with DATABASE_URL (32+ random characters, e.g. `openssl rand -hex 32`; the same on every instance, kept out of the database)');
  }

  if (raw.SMTP_URL && !raw.SMTP_FROM) throw new ConfigError('SMTP_FROM', 'is required when SMTP_URL is set (the sender, e.g. "Timebox <timebox@example.com>")');
  if (raw.NOTIFY_WEBHOOK_URL && !raw.NOTIFY_WEBHOOK_SECRET) throw new ConfigError('NOTIFY_WEBHOOK_SECRET', 'is required when NOTIFY_WEBHOOK_URL is set (receivers verify the signature with it)');

  return {
    ...raw,
    dataDir: path.resolve(raw.TIMEBOX_DATA_DIR),
    auditCheckpointFile: path.resolve(raw.AUDIT_CHECKPOINT_FILE ?? path.join(raw.TIMEBOX_DATA_DIR, 'audit-checkpoints.jsonl')),
    embedded,
    devLogin,
    oidc: raw.OIDC_ISSUER
      ? { issuer: raw.OIDC_ISSUER, clientId: raw.OIDC_CLIENT_ID!, clientSecret: raw.OIDC_CLIENT_SECRET!, groupsClaim: raw.OIDC_GROUPS_CLAIM, name: raw.OIDC_NAME }
      : null,
  };
}

let cached: AppConfig | undefined;
export function getConfig(): AppConfig {
  cached ??= parseConfig();
  return cached;
}
