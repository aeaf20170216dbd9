import { activityInput } from '@/lib/audit/activity-input';
import { reportActivity } from '@/lib/audit/report-activity';
import { apiRoute } from '@/lib/http/api-handler';

export const dynamic = 'force-dynamic';

/** A target or agent reports what a principal did; 201 `{ linkedGrantId, outsideGrant, eventId }`. Admin tokens with `activity`. */
export const POST = apiRoute({ scope: 'activity', body: activityInput }, async ({ deps, ctx, body }) => reportActivity(deps, ctx, body), { status: 201 });
