import { getAuditEvent } from '@/lib/audit/audit-service';
import { apiRoute } from '@/lib/http/api-handler';
import { operations } from '@/lib/http/contract/operations';

export const dynamic = 'force-dynamic';

/** One audit event, with its chain columns. */
export const GET = apiRoute(operations.getAuditEvent, async ({ deps, ctx, params }) => ({ event: await getAuditEvent(deps, ctx, params.id) }));
