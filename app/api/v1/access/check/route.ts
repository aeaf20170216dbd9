import { apiRoute } from '@/lib/http/api-handler';
import { operations } from '@/lib/http/contract/operations';
import { checkAccess } from '@/lib/services/grants/check-access';

export const dynamic = 'force-dynamic';

/** For target systems: does this user hold this role right now? `{allowed, grantId, expiresAt}`. */
export const GET = apiRoute(operations.checkAccess, async ({ deps, ctx, query }) => checkAccess(deps, ctx, query));
