// Protocol-level refusals of the REST API that have no place among the service error codes
// (lib/errors.ts): a body too large or not JSON is about the HTTP request, not about the domain.
export class HttpError extends Error {
  constructor(
    readonly status: 413 | 415,
    readonly code: 'payload_too_large' | 'unsupported_media_type',
    message: string,
  ) {
    super(message);
    this.name = 'HttpError';
  }
}
