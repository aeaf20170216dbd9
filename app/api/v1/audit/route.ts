import { listAuditEvents } from '@/lib/audit/audit-service';
import { apiRoute } from '@/lib/http/api-handler';
import { operations } from '@/lib/http/contract/operations';

export const dynamic = 'force-dynamic';

/** The trail newest first, filtered, a keyset page at a time: `{ items, nextCursor, prevCursor }`. Auditors and admins. */
export const GET = apiRoute(operations.listAudit, async ({ deps, ctx, query }) => listAuditEvents(deps, ctx, query));
