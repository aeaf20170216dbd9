import { apiRoute } from '@/lib/http/api-handler';
import { operations } from '@/lib/http/contract/operations';
import { listVisibleRequests } from '@/lib/services/requests/queries';
import { requestAccess } from '@/lib/services/requests/request-access';

export const dynamic = 'force-dynamic';

/** Requests the token's user may see (own, to decide, or all for auditors), newest first. */
export const GET = apiRoute(operations.listRequests, async ({ deps, ctx, query }) => ({
  items: await listVisibleRequests(deps, ctx, { status: query.status, mine: query.mine, ...(query.limit ? { limit: query.limit } : {}) }),
}));

/** Submits a request; 201 with the request (and its grant when auto-approved). */
export const POST = apiRoute(operations.createRequest, async ({ deps, ctx, body }) => ({ request: await requestAccess(deps, ctx, body) }));
