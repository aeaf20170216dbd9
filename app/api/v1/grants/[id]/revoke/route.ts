import { apiRoute } from '@/lib/http/api-handler';
import { operations } from '@/lib/http/contract/operations';
import { revokeGrant } from '@/lib/services/grants/revoke-grant';

export const dynamic = 'force-dynamic';

export const POST = apiRoute(operations.revokeGrant, async ({ deps, ctx, params, body }) => ({
  grant: await revokeGrant(deps, ctx, { grantId: params.id, reason: body.reason }),
}));
