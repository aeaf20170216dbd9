import { apiRoute } from '@/lib/http/api-handler';
import { operations } from '@/lib/http/contract/operations';
import { getGrant } from '@/lib/services/grants/queries';

export const dynamic = 'force-dynamic';

export const GET = apiRoute(operations.getGrant, async ({ deps, ctx, params }) => ({ grant: await getGrant(deps, ctx, params.id) }));
