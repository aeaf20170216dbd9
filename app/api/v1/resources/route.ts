import { apiRoute } from '@/lib/http/api-handler';
import { operations } from '@/lib/http/contract/operations';
import { listRequestable } from '@/lib/services/requests/catalog';

export const dynamic = 'force-dynamic';

/** What the token's user may request, with each policy's limits for them (`timebox resources`). */
export const GET = apiRoute(operations.listResources, async ({ deps, ctx }) => ({ items: await listRequestable(deps, ctx) }));
