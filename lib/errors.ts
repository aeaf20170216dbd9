// Expected failures carry a code, an HTTP status and a message fit for a user.
// Anything else is unexpected: logged in full, shown as a generic message.
export type ErrorCode =
  | 'bad_request'
  | 'unauthenticated'
  | 'forbidden'
  | 'not_found'
  | 'conflict'
  | 'unprocessable'
  | 'rate_limited'
  | 'unavailable'
  | 'internal';

const statusByCode: Record<ErrorCode, number> = {
  bad_request: 400,
  unauthenticated: 401,
  forbidden: 403,
  not_found: 404,
  conflict: 409,
  unprocessable: 422,
  rate_limited: 429,
  unavailable: 503,
  internal: 500,
};

export class AppError extends Error {
  readonly status: number;
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly details?: Record<string, unknown>,
  ) {
    super(message);
    this.name = 'AppError';
    this.status = statusByCode[code];
  }
}

export const isAppError = (error: unknown): error is AppError => error instanceof AppError;

/** A failure's message for logs and audit data, bounded so a huge driver error cannot bloat either. */
export const errorMessage = (error: unknown) => (error instanceof Error ? error.message : String(error)).slice(0, 1_000);
