import { apiRoute } from '@/lib/http/api-handler';
import { operations } from '@/lib/http/contract/operations';
import { getRequest } from '@/lib/services/requests/queries';

export const dynamic = 'force-dynamic';

export const GET = apiRoute(operations.getRequest, async ({ deps, ctx, params }) => ({ request: await getRequest(deps, ctx, params.id) }));
