import { portalRoute } from '@/lib/http/portal-route';
import { countInbox } from '@/lib/services/requests/queries';

export const dynamic = 'force-dynamic';

/** Just the number of requests waiting for the actor: the nav badge polls this on every page. */
export const GET = portalRoute({ permission: 'inbox.view' }, async ({ deps, ctx }) => ({ count: await countInbox(deps, ctx) }));
