import { z } from 'zod';
import type { GrantTarget } from '../types';
import { ConnectorError } from './connector-error';
import { isTargetEnvName, TARGET_ENV_MESSAGE, targetEnvName } from './env-name';

/** Which admin URLs a kind of target takes. */
export interface AdminUrlScheme {
  /** The kind, as messages name it (`postgres resource "…"`). */
  kind: string;
  /** As messages name the URL (`postgresql://`). */
  label: string;
  protocols: readonly string[];
}

export const isAdminUrl = (scheme: AdminUrlScheme, value: string) => URL.canParse(value) && scheme.protocols.includes(new URL(value).protocol);

/**
 * The two resource settings saying where the admin URL comes from: the env var that holds it (secret,
 * never in the database) and, optionally, a password-less default for when that variable is unset.
 * Spread into a connector's own schema.
 */
export function adminUrlSettings(scheme: AdminUrlScheme, defaultEnv: `TARGET_${string}`) {
  return {
    adminUrlEnv: targetEnvName.default(defaultEnv),
    // Only a password-less URL may live in the database; a URL with a password belongs in the env var.
    defaultAdminUrl: z
      .string()
      .refine((v) => isAdminUrl(scheme, v), `must be a ${scheme.label} URL`)
      .refine((v) => !URL.canParse(v) || new URL(v).password === '', 'must not contain a password; put that URL in the env var named by adminUrlEnv')
      .optional(),
  };
}

/**
 * The admin URL: the env var the settings name (read at each call, never cached), else their default.
 * The value may hold a password, so messages name the variable, never the value.
 */
export function adminUrlFromEnv(
  scheme: AdminUrlScheme,
  resource: GrantTarget['resource'],
  settings: { adminUrlEnv: string; defaultAdminUrl?: string },
  env: Record<string, string | undefined>,
): URL {
  // Callers pass parsed settings, but this is the line that reads the variable: check the prefix here too.
  if (!isTargetEnvName(settings.adminUrlEnv)) throw new ConnectorError(`${scheme.kind} resource "${resource.slug}": adminUrlEnv ${TARGET_ENV_MESSAGE}`);
  const raw = env[settings.adminUrlEnv] || settings.defaultAdminUrl;
  if (!raw) throw new ConnectorError(`${scheme.kind} resource "${resource.slug}": ${settings.adminUrlEnv} is not set and there is no defaultAdminUrl`);
  if (!isAdminUrl(scheme, raw)) throw new ConnectorError(`${settings.adminUrlEnv} is not a ${scheme.label} URL`);
  return new URL(raw);
}

/** The URL's host as a driver and a user want it: an IPv6 address without its brackets. */
export const unbracketedHost = (url: URL) => url.hostname.replace(/^\[(.*)\]$/, '$1');
