import { z } from 'zod';
import { apiRoute } from '@/lib/http/api-handler';
import { queryFlag, queryLimit, requestStatusQuery } from '@/lib/http/api-schemas';
import { requestAccessInput } from '@/lib/domain/request-input';
import { listVisibleRequests } from '@/lib/services/requests/queries';
import { requestAccess } from '@/lib/services/requests/request-access';

export const dynamic = 'force-dynamic';

const listQuery = z.object({ status: requestStatusQuery, mine: queryFlag, limit: queryLimit }).strict();

/** Requests the token's user may see (own, to decide, or all for auditors), newest first. */
export const GET = apiRoute({ scope: 'requests', query: listQuery }, async ({ deps, ctx, query }) => ({
  items: await listVisibleRequests(deps, ctx, { status: query.status, mine: query.mine, ...(query.limit ? { limit: query.limit } : {}) }),
}));

/** Submits a request; 201 with the request (and its grant when auto-approved). */
export const POST = apiRoute({ scope: 'requests', body: requestAccessInput }, async ({ deps, ctx, body }) => ({ request: await requestAccess(deps, ctx, body) }), { status: 201 });
