import { z } from 'zod';
import type { ServiceDeps } from '@/lib/services/deps';
import { getServiceDeps } from '@/lib/services/runtime';
import { parseJsonObject, readBodyText } from './api-body';
import { errorReply, jsonReply } from './reply';
import { requestMeta, type RequestMeta } from './request-context';
import { withTransportSecurity } from './security-headers';

/**
 * apiRoute's sibling for the few /api/v1 routes that take no token (the CLI's device sign-in): the same
 * body limits and zod parsing, the same error shape, never cached. The handler answers a status and a
 * body, because some of these routes answer protocol outcomes (RFC 8628's 400s) that are not failures.
 */
export function publicRoute<B extends z.ZodType | undefined>(
  spec: { body?: B },
  handler: (call: { deps: ServiceDeps; meta: RequestMeta; body: B extends z.ZodType ? z.output<B> : undefined }) => Promise<{ status: number; body: unknown; headers?: Record<string, string> }>,
) {
  const answer = async (request: Request): Promise<Response> => {
    const meta = requestMeta(request.headers);
    try {
      const deps = await getServiceDeps();
      const body = spec.body ? spec.body.parse(parseJsonObject(await readBodyText(request), request.headers.get('content-type'))) : undefined;
      const reply = await handler({ deps, meta, body: body as B extends z.ZodType ? z.output<B> : undefined });
      return jsonReply(reply.status, reply.body, meta.requestId, reply.headers);
    } catch (error) {
      return errorReply(error, { route: `${request.method} ${new URL(request.url).pathname}`, requestId: meta.requestId });
    }
  };
  return async (request: Request): Promise<Response> => withTransportSecurity(await answer(request));
}
