import { countInbox, listInbox } from '@/lib/services/requests/queries';
import { portalGet } from '../respond';

export const dynamic = 'force-dynamic';

/** The approver's queue for the inbox page's polling, with the total for the nav badge. */
export async function GET() {
  return portalGet('inbox.view', async (deps, ctx) => {
    const [requests, count] = await Promise.all([listInbox(deps, ctx), countInbox(deps, ctx)]);
    return { requests, count };
  });
}
