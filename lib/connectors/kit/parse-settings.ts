import type { z } from 'zod';
import { ConnectorError } from './connector-error';
import { foreignEnvSettings } from './env-name';

export type SettingsIssue = z.core.$ZodIssue;

/** How one connector words one problem. */
export type DescribeIssue = (issue: SettingsIssue) => string;

/**
 * The wording of the database connectors: `unknown postgres resource setting "x"` or
 * `invalid postgres resource setting "path": message`, `what` naming whose settings they are.
 */
export const namedSetting =
  (what: string): DescribeIssue =>
  (issue) =>
    issue.code === 'unrecognized_keys'
      ? `unknown ${what} setting "${issue.keys.join('", "')}"`
      : `invalid ${what} setting "${issue.path.map(String).join('.') || '(settings)'}": ${issue.message}`;

/** `settings.principals[0]`: where a problem is, as the ssh and webhook connectors say it. */
export const settingsPath = (path: readonly PropertyKey[]) =>
  ['settings', ...path.map((p) => (typeof p === 'number' ? `[${p}]` : `.${String(p)}`))].join('');

/**
 * Parses settings against a connector's schema, or throws one ConnectorError that explains every
 * problem (joined by "; "), not only the first, so an admin fixes a resource in one go. The message
 * becomes a grant's failure reason: it names settings and says what is wrong, never echoing a value.
 * `describe` is a DescribeIssue, or `what` for the database connectors' wording; `prefix` goes once in front.
 */
export function parseSettings<T>(schema: z.ZodType<T>, value: unknown, describe: DescribeIssue | string, prefix = ''): T {
  const parsed = schema.safeParse(value);
  // The env-name rule holds for every connector, whatever its schema says: a stored setting naming
  // Timebox's own configuration fails closed here, before anything reads that variable.
  const schemaIssues = parsed.success ? [] : parsed.error.issues;
  const seen = new Set(schemaIssues.map((i) => i.path.map(String).join('.')));
  const envIssues = foreignEnvSettings(value).filter((i) => !seen.has(i.path.map(String).join('.')));
  const issues = [...schemaIssues, ...envIssues];
  if (parsed.success && issues.length === 0) return parsed.data;
  const explain = typeof describe === 'string' ? namedSetting(describe) : describe;
  throw new ConnectorError(prefix + issues.map(explain).join('; '));
}
