import { z } from 'zod';
import { apiRoute } from '@/lib/http/api-handler';
import { grantStatusQuery, queryFlag, queryLimit } from '@/lib/http/api-schemas';
import { listGrants } from '@/lib/services/grants/queries';

export const dynamic = 'force-dynamic';

const listQuery = z.object({ status: grantStatusQuery, all: queryFlag, limit: queryLimit }).strict();

/** The token user's grants; `all=true` lists everyone's for auditors and admins (ignored for others). */
export const GET = apiRoute({ scope: 'grants', query: listQuery }, async ({ deps, ctx, query }) => ({
  items: await listGrants(deps, ctx, { status: query.status, all: query.all, ...(query.limit ? { limit: query.limit } : {}) }),
}));
