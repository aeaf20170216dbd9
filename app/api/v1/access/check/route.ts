import { apiRoute } from '@/lib/http/api-handler';
import { operations } from '@/lib/http/contract/operations';
import { accessCheckLookup, checkAccess } from '@/lib/services/grants/check-access';

export const dynamic = 'force-dynamic';

/**
 * For target systems: does this user hold this role right now? `{allowed, grantId, expiresAt}`.
 * The grant is read in the token's own statement (one round trip per check); checkAccess authorizes
 * before it uses it.
 */
export const GET = apiRoute(operations.checkAccess, async ({ deps, ctx, query, beside }) => checkAccess(deps, ctx, query, { row: beside }), { beside: accessCheckLookup });
