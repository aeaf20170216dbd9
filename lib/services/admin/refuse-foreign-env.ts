import { foreignEnvSettings } from '@/lib/connectors/kit/env-name';
import { AppError } from '@/lib/errors';

/** One line per setting that names an env var outside TARGET_: `"adminUrlEnv" must be …; "hook.secretEnv" must be …`, or null. */
export function foreignEnvMessage(settings: unknown): string | null {
  const issues = foreignEnvSettings(settings);
  return issues.length ? issues.map((i) => `"${i.path.map(String).join('.')}" ${i.message}`).join('; ') : null;
}

/**
 * Refuses settings that name an env var outside TARGET_ (e.g. DATABASE_URL) when an admin saves them,
 * with one message per bad setting on the settings field: the connectors would refuse them at the first
 * grant anyway (fail closed), but the admin should learn it now.
 */
export function refuseForeignEnvSettings(settings: unknown): void {
  const message = foreignEnvMessage(settings);
  if (message) throw new AppError('unprocessable', message, { field: 'settings', fields: { settings: message } });
}

/** The same rule for a policy's Slack channel variable, reported on its form field (`policy.` inside a new role). */
export function refuseForeignPolicyEnv(policy: { slackChannelEnv: string | null }, field: 'slackChannelEnv' | 'policy.slackChannelEnv'): void {
  if (policy.slackChannelEnv === null) return;
  const message = foreignEnvMessage({ slackChannelEnv: policy.slackChannelEnv });
  if (message) throw new AppError('unprocessable', message, { field, fields: { [field]: message } });
}
