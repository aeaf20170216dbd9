import { apiRoute } from '@/lib/http/api-handler';
import { idParams } from '@/lib/http/api-schemas';
import { decisionInput } from '@/lib/domain/request-input';
import { cancelRequest } from '@/lib/services/requests/cancel-request';

export const dynamic = 'force-dynamic';

// The body is the same `{comment?}` as a decision.
export const POST = apiRoute({ scope: 'requests', params: idParams('request'), body: decisionInput }, async ({ deps, ctx, params, body }) => ({
  request: await cancelRequest(deps, ctx, { requestId: params.id, comment: body.comment }),
}));
