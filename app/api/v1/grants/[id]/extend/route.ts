import { apiRoute } from '@/lib/http/api-handler';
import { operations } from '@/lib/http/contract/operations';
import { extendGrant } from '@/lib/services/grants/extend-grant';

export const dynamic = 'force-dynamic';

/** 201 with the extension request: approved and applied at once, or pending for approvers. */
export const POST = apiRoute(operations.extendGrant, async ({ deps, ctx, params, body }) => ({
  request: await extendGrant(deps, ctx, { grantId: params.id, minutes: body.minutes, justification: body.justification, ticket: body.ticket }),
}));
