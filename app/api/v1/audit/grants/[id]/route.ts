import { auditGrantTimeline } from '@/lib/audit/audit-service';
import { apiRoute } from '@/lib/http/api-handler';
import { operations } from '@/lib/http/contract/operations';

export const dynamic = 'force-dynamic';

/** A grant's timeline from the trail: request → decisions → activation → credentials → activity → end. */
export const GET = apiRoute(operations.grantTimeline, async ({ deps, ctx, params }) => ({ timeline: await auditGrantTimeline(deps, ctx, params.id) }));
