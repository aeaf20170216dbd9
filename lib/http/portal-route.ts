import type { z } from 'zod';
import type { ActorContext } from '@/lib/domain/context';
import { can, type Permission } from '@/lib/domain/permissions';
import { AppError } from '@/lib/errors';
import type { ServiceDeps } from '@/lib/services/deps';
import { getServiceDeps } from '@/lib/services/runtime';
import { queryObject } from './api-body';
import { errorReply, jsonReply, tagged } from './reply';
import { requestMeta, sessionContext } from './request-context';

export interface PortalSpec<Q extends z.ZodType | undefined> {
  /**
   * What the route shows needs this permission (403 otherwise). `null` leaves the decision to the
   * service, which checks anyway — for routes whose service already says why it refuses.
   */
  permission: Permission | null;
  query?: Q;
}

export interface PortalCall<Q> {
  deps: ServiceDeps;
  ctx: ActorContext;
  query: Q;
}

/**
 * The portal's own endpoints under /api/portal (react-query polling, the dashboard's export): the
 * browser's session cookie, never an API token. Same error shape, X-Request-Id and logging as the
 * REST API; never cached, since the answer is live. The handler returns JSON, or a Response (a stream).
 */
export function portalRoute<Q extends z.ZodType | undefined = undefined>(spec: PortalSpec<Q>, handler: (call: PortalCall<Q extends z.ZodType ? z.output<Q> : undefined>) => Promise<unknown>) {
  return async (request: Request): Promise<Response> => {
    const meta = requestMeta(request.headers);
    const route = `${request.method} ${new URL(request.url).pathname}`;
    let ctx: ActorContext | undefined;
    try {
      ctx = await sessionContext(meta);
      if (spec.permission && !can(ctx, spec.permission)) throw new AppError('forbidden', 'Your account cannot open this.');
      const query = spec.query ? spec.query.parse(queryObject(new URL(request.url))) : undefined;
      const data = await handler({ deps: await getServiceDeps(), ctx, query: query as Q extends z.ZodType ? z.output<Q> : undefined });
      return data instanceof Response ? tagged(data, meta.requestId) : jsonReply(200, data, meta.requestId);
    } catch (error) {
      return errorReply(error, { route, requestId: meta.requestId, ctx });
    }
  };
}
