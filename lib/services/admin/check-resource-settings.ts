import { resourceSettingsProblems } from '@/lib/connectors/resource-settings';
import type { ResourceKind } from '@/lib/db/generated/enums';
import { AppError } from '@/lib/errors';

/**
 * Refuses settings the kind's connector could not read (422 on "settings", every problem listed), so a
 * resource that saves never fails its first grant with "unknown postgres resource setting".
 */
export function checkResourceSettings(kind: ResourceKind, settings: unknown): void {
  const problems = resourceSettingsProblems(kind, settings);
  if (problems.length === 0) return;
  const message = `These settings do not fit a ${kind} resource: ${problems.join('; ')}.`;
  throw new AppError('unprocessable', message, { field: 'settings', fields: { settings: message } });
}
