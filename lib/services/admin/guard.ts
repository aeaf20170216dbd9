import type { z } from 'zod';
import type { ActorContext } from '@/lib/domain/context';
import { can } from '@/lib/domain/permissions';
import { AppError } from '@/lib/errors';
import { fieldErrorsOf } from '@/lib/field-errors';

/**
 * Admin work is for portal admins in a browser session. No token scope covers it (fail closed),
 * so even an admin's API token is refused: a leaked token must not be able to rewrite policy.
 */
export function requireAdmin(ctx: ActorContext): void {
  if (!can(ctx.actor, 'admin')) throw new AppError('forbidden', 'Only Timebox administrators can manage resources and policies.');
  if (ctx.token) throw new AppError('forbidden', 'Resources and policies cannot be managed with an API token.');
}

/**
 * Services re-check their input: the action already parsed it, but REST handlers, scripts and tests
 * call services directly. A bad value is a 422 naming its field (the first one; all are in `fields`).
 */
export function parseAdminInput<S extends z.ZodType>(schema: S, input: unknown): z.infer<S> {
  const result = schema.safeParse(input);
  if (result.success) return result.data;
  const fields = fieldErrorsOf(result.error);
  const [field, message] = Object.entries(fields)[0] ?? ['_', 'Invalid input.'];
  throw new AppError('unprocessable', message, { field, fields });
}
