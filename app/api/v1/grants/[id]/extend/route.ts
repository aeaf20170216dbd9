import { apiRoute } from '@/lib/http/api-handler';
import { idParams } from '@/lib/http/api-schemas';
import { extendInput } from '@/lib/domain/request-input';
import { extendGrant } from '@/lib/services/grants/extend-grant';

export const dynamic = 'force-dynamic';

/** 201 with the extension request: approved and applied at once, or pending for approvers. */
export const POST = apiRoute(
  { scope: 'grants', params: idParams('grant'), body: extendInput },
  async ({ deps, ctx, params, body }) => ({ request: await extendGrant(deps, ctx, { grantId: params.id, minutes: body.minutes, justification: body.justification, ticket: body.ticket }) }),
  { status: 201 },
);
