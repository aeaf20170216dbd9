import type { PolicyViolation } from '@/lib/domain/policy';
import { AppError } from '@/lib/errors';

/**
 * Throws for the policy checks a request failed: its first message, and every input's message in
 * `fields` so a form flags them all in one go. Returns when there is nothing to refuse.
 */
export function refuseViolations(violations: readonly PolicyViolation[]): void {
  const [first] = violations;
  if (!first) return;
  if (first.code === 'forbidden') throw new AppError('forbidden', first.message);
  const fields: Record<string, string> = {};
  for (const v of violations) if (v.field) fields[v.field] ??= v.message;
  throw new AppError('unprocessable', first.message, { field: first.field, fields });
}
