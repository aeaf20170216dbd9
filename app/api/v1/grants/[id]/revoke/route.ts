import { apiRoute } from '@/lib/http/api-handler';
import { idParams } from '@/lib/http/api-schemas';
import { revokeInput } from '@/lib/domain/request-input';
import { revokeGrant } from '@/lib/services/grants/revoke-grant';

export const dynamic = 'force-dynamic';

export const POST = apiRoute({ scope: 'grants', params: idParams('grant'), body: revokeInput }, async ({ deps, ctx, params, body }) => ({
  grant: await revokeGrant(deps, ctx, { grantId: params.id, reason: body.reason }),
}));
