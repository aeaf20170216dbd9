import { reportActivity } from '@/lib/audit/report-activity';
import { apiRoute } from '@/lib/http/api-handler';
import { operations } from '@/lib/http/contract/operations';

export const dynamic = 'force-dynamic';

/** A target or agent reports what a principal did; 201 `{ linkedGrantId, outsideGrant, eventId }`. Admin tokens with `activity`. */
export const POST = apiRoute(operations.reportActivity, async ({ deps, ctx, body }) => reportActivity(deps, ctx, body));
