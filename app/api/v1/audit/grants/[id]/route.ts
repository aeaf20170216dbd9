import { auditGrantTimeline } from '@/lib/audit/audit-service';
import { apiRoute } from '@/lib/http/api-handler';
import { idParams } from '@/lib/http/api-schemas';

export const dynamic = 'force-dynamic';

/** A grant's timeline from the trail: request → decisions → activation → credentials → activity → end. */
export const GET = apiRoute({ scope: 'audit', params: idParams('grant') }, async ({ deps, ctx, params }) => ({ timeline: await auditGrantTimeline(deps, ctx, params.id) }));
