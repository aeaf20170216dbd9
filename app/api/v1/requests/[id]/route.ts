import { apiRoute } from '@/lib/http/api-handler';
import { idParams } from '@/lib/http/api-schemas';
import { getRequest } from '@/lib/services/requests/queries';

export const dynamic = 'force-dynamic';

export const GET = apiRoute({ scope: 'requests', params: idParams('request') }, async ({ deps, ctx, params }) => ({ request: await getRequest(deps, ctx, params.id) }));
