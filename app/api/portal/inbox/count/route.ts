import { countInbox } from '@/lib/services/requests/queries';
import { portalGet } from '../../respond';

export const dynamic = 'force-dynamic';

/** Just the number of requests waiting for the actor: the nav badge polls this on every page. */
export async function GET() {
  return portalGet('inbox.view', async (deps, ctx) => ({ count: await countInbox(deps, ctx) }));
}
