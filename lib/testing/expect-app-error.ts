import { expect } from 'vitest';
import { AppError, type ErrorCode } from '@/lib/errors';

/** Awaits a promise that must fail with this AppError code (and, optionally, field and message text). */
export async function expectAppError(promise: Promise<unknown>, code: ErrorCode, match?: { field?: string; message?: RegExp }): Promise<AppError> {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error, `expected AppError ${code}`).toBeInstanceOf(AppError);
  const appError = error as AppError;
  expect(appError.code).toBe(code);
  if (match?.field) expect(appError.details?.field).toBe(match.field);
  if (match?.message) expect(appError.message).toMatch(match.message);
  return appError;
}
