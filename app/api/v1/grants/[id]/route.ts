import { apiRoute } from '@/lib/http/api-handler';
import { idParams } from '@/lib/http/api-schemas';
import { getGrant } from '@/lib/services/grants/queries';

export const dynamic = 'force-dynamic';

export const GET = apiRoute({ scope: 'grants', params: idParams('grant') }, async ({ deps, ctx, params }) => ({ grant: await getGrant(deps, ctx, params.id) }));
