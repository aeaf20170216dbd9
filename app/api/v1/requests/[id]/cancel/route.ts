import { apiRoute } from '@/lib/http/api-handler';
import { operations } from '@/lib/http/contract/operations';
import { cancelRequest } from '@/lib/services/requests/cancel-request';

export const dynamic = 'force-dynamic';

// The body is the same `{comment?}` as a decision.
export const POST = apiRoute(operations.cancelRequest, async ({ deps, ctx, params, body }) => ({
  request: await cancelRequest(deps, ctx, { requestId: params.id, comment: body.comment }),
}));
