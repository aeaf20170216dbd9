import { apiRoute } from '@/lib/http/api-handler';
import { operations } from '@/lib/http/contract/operations';
import { reviewBreakGlass } from '@/lib/services/break-glass/review-break-glass';

export const dynamic = 'force-dynamic';

/** Reviews a break-glass grant: 200 with the grant; 403 for its holder, 409 when already reviewed, 422 without a comment for "not_justified". */
export const POST = apiRoute(operations.reviewBreakGlass, async ({ deps, ctx, params, body }) => ({
  grant: await reviewBreakGlass(deps, ctx, { grantId: params.grantId, outcome: body.outcome, comment: body.comment }),
}));
