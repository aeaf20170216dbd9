import { z } from 'zod';
import { apiRoute } from '@/lib/http/api-handler';
import { idParams } from '@/lib/http/api-schemas';
import { issueGrantCredentials } from '@/lib/services/grants/issue-credentials';

export const dynamic = 'force-dynamic';

// The holder's fresh database password, returned once and never stored: each call replaces the
// previous one in the target. No body (an empty object at most).
export const POST = apiRoute({ scope: 'grants', params: idParams('grant'), body: z.object({}).strict() }, async ({ deps, ctx, params }) =>
  issueGrantCredentials(deps, ctx, { grantId: params.id }),
);
