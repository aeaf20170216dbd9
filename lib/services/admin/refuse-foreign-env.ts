import { foreignEnvSettings } from '@/lib/connectors/kit/env-name';
import { AppError } from '@/lib/errors';

/**
 * Refuses settings that name an env var outside TARGET_ (e.g. DATABASE_URL) when an admin saves them,
 * with one message per bad setting on the settings field: the connectors would refuse them at the first
 * grant anyway (fail closed), but the admin should learn it now.
 */
export function refuseForeignEnvSettings(settings: unknown): void {
  const issues = foreignEnvSettings(settings);
  if (issues.length === 0) return;
  const message = issues.map((i) => `"${i.path.map(String).join('.')}" ${i.message}`).join('; ');
  throw new AppError('unprocessable', message, { field: 'settings', fields: { settings: message } });
}
