import { apiRoute } from '@/lib/http/api-handler';
import { operations } from '@/lib/http/contract/operations';
import { issueGrantCredentials } from '@/lib/services/grants/issue-credentials';

export const dynamic = 'force-dynamic';

// The holder's fresh database password, returned once and never stored: each call replaces the
// previous one in the target. No body (an empty object at most).
export const POST = apiRoute(operations.grantCredentials, async ({ deps, ctx, params }) => issueGrantCredentials(deps, ctx, { grantId: params.id }));
