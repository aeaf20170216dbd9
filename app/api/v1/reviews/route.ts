import { apiRoute } from '@/lib/http/api-handler';
import { operations } from '@/lib/http/contract/operations';
import { listReviewQueue } from '@/lib/services/break-glass/review-queue';

export const dynamic = 'force-dynamic';

/** Break-glass grants waiting for the token's user to review them (approver of the role, not the holder), oldest first. */
export const GET = apiRoute(operations.listReviews, async ({ deps, ctx, query }) => ({
  items: await listReviewQueue(deps, ctx, query.limit ? { limit: query.limit } : {}),
}));
