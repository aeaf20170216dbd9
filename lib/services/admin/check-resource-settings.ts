import { resourceSettingsProblems } from '@/lib/connectors/resource-settings';
import type { ResourceKind } from '@/lib/db/generated/enums';
import { AppError } from '@/lib/errors';
import { foreignEnvMessage } from './refuse-foreign-env';

/**
 * Refuses resource settings the kind's connector could not read, or that name an environment variable
 * outside TARGET_ — every problem of both kinds in one 422 on "settings", so an admin fixes them in one go
 * and a resource that saves never fails its first grant with "unknown postgres resource setting".
 */
export function checkResourceSettings(kind: ResourceKind, settings: unknown): void {
  const foreign = foreignEnvMessage(settings);
  const unfit = resourceSettingsProblems(kind, settings);
  const parts = [...(foreign ? [foreign] : []), ...(unfit.length ? [`These settings do not fit a ${kind} resource: ${unfit.join('; ')}.`] : [])];
  if (parts.length === 0) return;
  const message = parts.join('; ');
  throw new AppError('unprocessable', message, { field: 'settings', fields: { settings: message } });
}
