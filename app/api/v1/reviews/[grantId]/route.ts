import { z } from 'zod';
import { apiRoute } from '@/lib/http/api-handler';
import { reviewInput } from '@/lib/domain/break-glass';
import { reviewBreakGlass } from '@/lib/services/break-glass/review-break-glass';

export const dynamic = 'force-dynamic';

const params = z.object({ grantId: z.uuid({ message: 'No such break-glass grant.' }) }).strict();

/** Reviews a break-glass grant: 200 with the grant; 403 for its holder, 409 when already reviewed, 422 without a comment for "not_justified". */
export const POST = apiRoute({ scope: 'approvals', params, body: reviewInput }, async ({ deps, ctx, params, body }) => ({
  grant: await reviewBreakGlass(deps, ctx, { grantId: params.grantId, outcome: body.outcome, comment: body.comment }),
}));
