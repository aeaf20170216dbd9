import { z } from 'zod';
import { isAppError } from '@/lib/errors';
import { log } from '@/lib/log';

export interface ErrorBody {
  error: { code: string; message: string; fields?: Record<string, string> };
}

/** First message per field, keyed by the dotted path: what a form shows next to each input. */
export function fieldErrorsOf(error: z.ZodError): Record<string, string> {
  const fields: Record<string, string> = {};
  for (const issue of error.issues) {
    const key = issue.path.length ? issue.path.join('.') : '_';
    fields[key] ??= issue.code === 'unrecognized_keys' ? `Unknown field(s): ${issue.keys.join(', ')}` : issue.message;
  }
  return fields;
}

/**
 * Maps any thrown value to a status and a user-fit body. Expected errors keep their code and message;
 * anything else is logged in full and answered with a generic 500 — no stack trace leaves the server.
 */
export function toErrorBody(error: unknown): { status: number; body: ErrorBody } {
  if (error instanceof z.ZodError) {
    const fields = fieldErrorsOf(error);
    const first = Object.entries(fields)[0];
    return { status: 400, body: { error: { code: 'bad_request', message: first ? `${first[0] === '_' ? 'Input' : first[0]}: ${first[1]}` : 'Invalid input.', fields } } };
  }
  if (isAppError(error)) {
    const field = typeof error.details?.field === 'string' ? error.details.field : undefined;
    return { status: error.status, body: { error: { code: error.code, message: error.message, ...(field ? { fields: { [field]: error.message } } : {}) } } };
  }
  log.error({ err: error }, 'unexpected error');
  return { status: 500, body: { error: { code: 'internal', message: 'Something went wrong on our side. It has been logged.' } } };
}
