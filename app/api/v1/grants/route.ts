import { apiRoute } from '@/lib/http/api-handler';
import { operations } from '@/lib/http/contract/operations';
import { listGrants } from '@/lib/services/grants/queries';

export const dynamic = 'force-dynamic';

/** The token user's grants; `all=true` lists everyone's for auditors and admins (ignored for others). */
export const GET = apiRoute(operations.listGrants, async ({ deps, ctx, query }) => ({
  items: await listGrants(deps, ctx, { status: query.status, all: query.all, ...(query.limit ? { limit: query.limit } : {}) }),
}));
