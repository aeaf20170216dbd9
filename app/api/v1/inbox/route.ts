import { apiRoute } from '@/lib/http/api-handler';
import { operations } from '@/lib/http/contract/operations';
import { listInbox } from '@/lib/services/requests/queries';

export const dynamic = 'force-dynamic';

/** The approver's queue, as the portal's Inbox shows it (`timebox inbox`). */
export const GET = apiRoute(operations.listInbox, async ({ deps, ctx, query }) => ({ items: await listInbox(deps, ctx, query.limit ? { limit: query.limit } : {}) }));
