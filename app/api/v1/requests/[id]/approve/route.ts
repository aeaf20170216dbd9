import { apiRoute } from '@/lib/http/api-handler';
import { idParams } from '@/lib/http/api-schemas';
import { decisionInput } from '@/lib/domain/request-input';
import { decideRequest } from '@/lib/services/requests/decide-request';

export const dynamic = 'force-dynamic';

export const POST = apiRoute({ scope: 'approvals', params: idParams('request'), body: decisionInput }, async ({ deps, ctx, params, body }) => ({
  request: await decideRequest(deps, ctx, { requestId: params.id, decision: 'approve', comment: body.comment }),
}));
