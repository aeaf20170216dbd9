import { getAuditEvent } from '@/lib/audit/audit-service';
import { apiRoute } from '@/lib/http/api-handler';
import { idParams } from '@/lib/http/api-schemas';

export const dynamic = 'force-dynamic';

/** One audit event, with its chain columns. */
export const GET = apiRoute({ scope: 'audit', params: idParams('audit event') }, async ({ deps, ctx, params }) => ({ event: await getAuditEvent(deps, ctx, params.id) }));
