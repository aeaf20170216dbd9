import { z } from 'zod';
import type { ActorContext } from '@/lib/domain/context';
import type { TokenScope } from '@/lib/domain/scopes';
import { AppError } from '@/lib/errors';
import type { ServiceDeps } from '@/lib/services/deps';
import { getServiceDeps } from '@/lib/services/runtime';
import type { RowQuery } from '@/lib/services/tokens/authenticate-token';
import { parseJsonObject, queryObject, readBodyText } from './api-body';
import { errorReply, jsonReply, tagged } from './reply';
import { requestMeta, tokenCall } from './request-context';
import { withTransportSecurity } from './security-headers';

type Infer<S> = S extends z.ZodType ? z.output<S> : undefined;

export interface ApiSpec<P extends z.ZodType | undefined, Q extends z.ZodType | undefined, B extends z.ZodType | undefined> {
  /** The token scope every call needs (`any`: a valid token is enough); the service checks its own too (defence in depth). */
  scope: TokenScope | 'any';
  /** Path params. A value that fails (a malformed id) answers 404 with the schema's message, never 400. */
  params?: P;
  query?: Q;
  /** JSON object body. An empty body is parsed as `{}`. */
  body?: B;
  /** The success status (200 unless said): lib/http/contract/operations.ts gives 201 to creations. */
  status?: number;
}

export interface ApiCall<P, Q, B, R = never> {
  deps: ServiceDeps;
  ctx: ActorContext;
  params: P;
  query: Q;
  body: B;
  /** The row of the route's `beside` SELECT, read with the token (null: none, or no `beside`). Use it only after authorizing. */
  beside: R | null;
}

export interface ApiOptions<Q, R> {
  /**
   * A SELECT of at most one row the handler will need, sent in the token's own statement so the call
   * pays one round trip before its answer (the access check's grant). Built from the parsed query; it runs
   * whoever the token is, so the handler authorizes before it uses the row (null: the SELECT found none).
   */
  beside?: (deps: ServiceDeps, query: Q) => RowQuery<R>;
}

/** Next passes `{ params: Promise<…> }`; tests of routes without params may omit it. */
export type RouteContext = { params: Promise<unknown> };

/** 401s name the scheme, and whether the token itself was the problem (RFC 6750). */
function challenge(error: unknown) {
  return (status: number): Record<string, string> =>
    status === 401 ? { 'WWW-Authenticate': `Bearer realm="timebox"${error instanceof AppError && error.details?.invalidToken ? ', error="invalid_token"' : ''}` } : {};
}

/** Path params that fail their schema mean "no such thing": 404, as for another user's id. */
async function parseParams(schema: z.ZodType, context: RouteContext | undefined): Promise<unknown> {
  const parsed = schema.safeParse((await context?.params) ?? {});
  if (parsed.success) return parsed.data;
  throw new AppError('not_found', parsed.error.issues[0]?.message ?? 'Not found.');
}

/**
 * The one wrapper every /api/v1 route handler goes through: bearer token → actor, scope check,
 * zod-parsed params, query and JSON body (64 KiB at most), the service call, and errors mapped to
 * `{"error":{"code","message"}}` with their status — never a stack trace. Responses are never cached and
 * carry X-Request-Id (and HSTS when served over https: /api/v1 skips the proxy); an unexpected error is
 * logged with the route, actor and that id.
 * The handler returns the JSON body, or a Response of its own (e.g. a stream) after all checks passed.
 * Routes pass their entry of lib/http/contract/operations.ts as the spec, so the OpenAPI document
 * describes exactly the schemas that parse the input.
 */
export function apiRoute<P extends z.ZodType | undefined = undefined, Q extends z.ZodType | undefined = undefined, B extends z.ZodType | undefined = undefined, R = never>(
  spec: ApiSpec<P, Q, B>,
  handler: (call: ApiCall<Infer<P>, Infer<Q>, Infer<B>, NoInfer<R>>) => Promise<unknown>,
  options: ApiOptions<Infer<Q>, R> = {},
) {
  const answer = async (request: Request, context?: RouteContext): Promise<Response> => {
    const meta = requestMeta(request.headers);
    const route = `${request.method} ${new URL(request.url).pathname}`;
    let ctx: ActorContext | undefined;
    try {
      const deps = await getServiceDeps();
      // The query is parsed first only so `beside` can be built from it; a malformed one still answers
      // after the token's own 401/403/429, as before.
      const query = spec.query?.safeParse(queryObject(new URL(request.url)));
      const beside = options.beside && (!query || query.success) ? options.beside(deps, query?.data as Infer<Q>) : undefined;
      const call = await tokenCall<R>(deps, request.headers, meta, spec.scope, beside);
      ctx = call.ctx;
      const params = spec.params ? await parseParams(spec.params, context) : undefined;
      if (query && !query.success) throw query.error;
      const body = spec.body ? spec.body.parse(parseJsonObject(await readBodyText(request), request.headers.get('content-type'))) : undefined;

      const data = await handler({ deps, ctx, params: params as Infer<P>, query: query?.data as Infer<Q>, body: body as Infer<B>, beside: call.beside });
      // A handler may answer with its own Response (a streamed export) after every check above passed.
      if (data instanceof Response) return tagged(data, meta.requestId);
      return jsonReply(spec.status ?? 200, data, meta.requestId);
    } catch (error) {
      return errorReply(error, { route, requestId: meta.requestId, ctx }, challenge(error));
    }
  };
  return async (request: Request, context?: RouteContext): Promise<Response> => withTransportSecurity(await answer(request, context));
}
