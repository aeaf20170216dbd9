import { z } from 'zod';

/**
 * Settings are written by portal admins; the env vars they name are read by the server with Timebox's
 * own configuration beside them. Were any name allowed, `{"adminUrlEnv": "DATABASE_URL"}` would make
 * Timebox's own database a grantable target (and `secretEnv: "AUTH_SECRET"` would send the session key
 * to a webhook). So a setting may only name a variable with this prefix, which none of Timebox's own
 * configuration carries: operators put target secrets under it, and nothing else is reachable.
 */
export const TARGET_ENV_PREFIX = 'TARGET_';

const TARGET_ENV_NAME = /^TARGET_[A-Z0-9_]+$/;

export const TARGET_ENV_MESSAGE = `must be an environment variable name starting with ${TARGET_ENV_PREFIX}, e.g. TARGET_PG_URL (Timebox's own configuration can never be named)`;

/** The zod rule connector schemas use for a setting that names an env var. */
export const targetEnvName = z.string().regex(TARGET_ENV_NAME, TARGET_ENV_MESSAGE);

export const isTargetEnvName = (name: string) => TARGET_ENV_NAME.test(name);

/** A setting that names an env var: by convention its key ends in `Env` (adminUrlEnv, urlEnv, secretEnv…). */
const isEnvSettingKey = (key: string) => /Env$/.test(key);

/**
 * Every setting, at any depth, that names an env var outside the prefix, as zod-style issues. This is
 * the check every connector's settings pass, whatever its own schema says (parseSettings runs it on
 * use, so stored bad settings fail closed; admin saves run it, so they are refused with a field error).
 */
export function foreignEnvSettings(value: unknown, path: PropertyKey[] = []): z.core.$ZodIssue[] {
  if (Array.isArray(value)) return value.flatMap((item, i) => foreignEnvSettings(item, [...path, i]));
  if (value === null || typeof value !== 'object') return [];
  return Object.entries(value).flatMap(([key, item]) => {
    const here = [...path, key];
    if (isEnvSettingKey(key) && !(typeof item === 'string' && isTargetEnvName(item))) {
      return [{ code: 'custom', path: here, message: TARGET_ENV_MESSAGE, input: undefined } as z.core.$ZodIssue];
    }
    return foreignEnvSettings(item, here);
  });
}
