import { portalRoute } from '@/lib/http/portal-route';
import { listBell } from '@/lib/services/notify/bell';

export const dynamic = 'force-dynamic';

/** The signed-in user's bell (unread count and latest items): the header polls it. Everyone has one. */
export const GET = portalRoute({ permission: null }, async ({ deps, ctx }) => listBell(deps, ctx));
