import { z } from 'zod';
import type { ActorContext } from '@/lib/domain/context';
import { isDatabaseUnavailable, OUTAGE_RETRY_AFTER_SECONDS } from '@/lib/db/outage';
import { isAppError } from '@/lib/errors';
import { fieldErrorsOf } from '@/lib/field-errors';
import { log } from '@/lib/log';
import { HttpError } from './api-errors';

export interface ErrorBody {
  error: { code: string; message: string; fields?: Record<string, string>; requestId?: string };
}

/** Where an error happened, for the log line of an unexpected one. Ids and e-mail only: never secrets or input. */
export interface ErrorTrace {
  /** `GET /api/v1/requests`, `action submitRequest`, `cron sweep`… */
  route: string;
  requestId: string;
  /** Absent when the error came before the actor was known (e.g. the database was down). */
  ctx?: Pick<ActorContext, 'actor' | 'via' | 'token'>;
}

/**
 * Maps any thrown value to a status and a user-fit body. Expected errors keep their code and message;
 * anything else is logged in full with the route, actor and request id, and answered with a generic
 * 500 that carries the request id — the one thing a user can quote to find the log line.
 */
export function toErrorBody(error: unknown, trace: ErrorTrace): { status: number; body: ErrorBody; headers?: Record<string, string> } {
  if (error instanceof HttpError) return { status: error.status, body: { error: { code: error.code, message: error.message } } };
  if (error instanceof z.ZodError) {
    const fields = fieldErrorsOf(error);
    const first = Object.entries(fields)[0];
    return { status: 400, body: { error: { code: 'bad_request', message: first ? `${first[0] === '_' ? 'Input' : first[0]}: ${first[1]}` : 'Invalid input.', fields } } };
  }
  if (isAppError(error)) {
    const fields = fieldsOf(error.details, error.message);
    // 429 and 503 say when to come back (lib/http/rate-limit.ts sets retryAfterSeconds).
    const retryAfter = error.details?.retryAfterSeconds;
    const headers = typeof retryAfter === 'number' ? { 'Retry-After': String(Math.max(1, Math.ceil(retryAfter))) } : undefined;
    return { status: error.status, body: { error: { code: error.code, message: error.message, ...(fields ? { fields } : {}) } }, ...(headers ? { headers } : {}) };
  }
  const { ctx } = trace;
  // A database outage is not a bug: the client is told to come back (503 + Retry-After), and the log
  // line is a warning without the driver's stack.
  if (isDatabaseUnavailable(error)) {
    log.warn({ route: trace.route, requestId: trace.requestId, code: (error as { code?: unknown }).code ?? null }, 'database unavailable');
    return {
      status: 503,
      body: { error: { code: 'unavailable', message: 'The database is not reachable right now. Try again shortly.', requestId: trace.requestId } },
      headers: { 'Retry-After': String(OUTAGE_RETRY_AFTER_SECONDS) },
    };
  }
  log.error(
    { err: error, route: trace.route, requestId: trace.requestId, actorId: ctx?.actor.id ?? null, actorEmail: ctx?.actor.email ?? null, via: ctx?.via ?? null, tokenId: ctx?.token?.id ?? null },
    'unexpected error',
  );
  return { status: 500, body: { error: { code: 'internal', message: 'Something went wrong on our side. It has been logged.', requestId: trace.requestId } } };
}

/**
 * The messages per input of an expected error: every one when the service listed them all in
 * `details.fields` (so a form flags all its inputs at once), else the one `details.field` names.
 */
function fieldsOf(details: Record<string, unknown> | undefined, message: string): Record<string, string> | undefined {
  const all = details?.fields;
  if (all && typeof all === 'object' && Object.values(all).length > 0 && Object.values(all).every((m) => typeof m === 'string')) return all as Record<string, string>;
  return typeof details?.field === 'string' ? { [details.field]: message } : undefined;
}
