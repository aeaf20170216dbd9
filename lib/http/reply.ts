import { toErrorBody, type ErrorTrace } from './to-error-body';

// Every response of the API, portal and cron routes: never cached, and tagged with the request id
// that the log lines of the same request carry.

export const REQUEST_ID_HEADER = 'X-Request-Id';

export function jsonReply(status: number, body: unknown, requestId: string, extra: Record<string, string> = {}): Response {
  return Response.json(body, { status, headers: { 'Cache-Control': 'no-store', ...extra, [REQUEST_ID_HEADER]: requestId } });
}

/** A handler's own Response (a streamed export): still never cached unless it says so, and still tagged. */
export function tagged(response: Response, requestId: string): Response {
  if (!response.headers.has('cache-control')) response.headers.set('Cache-Control', 'no-store');
  response.headers.set(REQUEST_ID_HEADER, requestId);
  return response;
}

/** Any thrown value as its JSON error reply (an unexpected one is logged with the trace first). */
export function errorReply(error: unknown, trace: ErrorTrace, extra: (status: number) => Record<string, string> = () => ({})): Response {
  const { status, body, headers } = toErrorBody(error, trace);
  return jsonReply(status, body, trace.requestId, { ...headers, ...extra(status) });
}
