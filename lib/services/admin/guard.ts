import type { z } from 'zod';
import { AppError } from '@/lib/errors';
import { fieldErrorsOf } from '@/lib/field-errors';

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
