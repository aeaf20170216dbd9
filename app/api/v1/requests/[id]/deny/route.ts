import { apiRoute } from '@/lib/http/api-handler';
import { operations } from '@/lib/http/contract/operations';
import { decideRequest } from '@/lib/services/requests/decide-request';

export const dynamic = 'force-dynamic';

export const POST = apiRoute(operations.denyRequest, async ({ deps, ctx, params, body }) => ({
  request: await decideRequest(deps, ctx, { requestId: params.id, decision: 'deny', comment: body.comment }),
}));
