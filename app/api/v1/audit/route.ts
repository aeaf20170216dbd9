import { z } from 'zod';
import { listAuditEvents } from '@/lib/audit/audit-service';
import { auditFilterShape, checkTimeRange } from '@/lib/audit/filters';
import { apiRoute } from '@/lib/http/api-handler';
import { queryLimit } from '@/lib/http/api-schemas';

export const dynamic = 'force-dynamic';

const listQuery = z.object({ ...auditFilterShape, limit: queryLimit, cursor: z.string().max(100).optional() }).strict().superRefine(checkTimeRange);

/** The trail newest first, filtered, a keyset page at a time: `{ items, nextCursor, prevCursor }`. Auditors and admins. */
export const GET = apiRoute({ scope: 'audit', query: listQuery }, async ({ deps, ctx, query }) => listAuditEvents(deps, ctx, query));
