import { z } from 'zod';
import { apiRoute } from '@/lib/http/api-handler';
import { queryLimit } from '@/lib/http/api-schemas';
import { listReviewQueue } from '@/lib/services/break-glass/review-queue';

export const dynamic = 'force-dynamic';

const listQuery = z.object({ limit: queryLimit }).strict();

/** Break-glass grants waiting for the token's user to review them (approver of the role, not the holder), oldest first. */
export const GET = apiRoute({ scope: 'approvals', query: listQuery }, async ({ deps, ctx, query }) => ({
  items: await listReviewQueue(deps, ctx, query.limit ? { limit: query.limit } : {}),
}));
