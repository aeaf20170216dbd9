import { z } from 'zod';
import { apiRoute } from '@/lib/http/api-handler';
import { checkAccess } from '@/lib/services/grants/check-access';

export const dynamic = 'force-dynamic';

const checkQuery = z
  .object({
    user: z.email({ message: 'must be an e-mail address' }).max(320),
    resource: z.string().trim().min(1, 'is required').max(100),
    role: z.string().trim().min(1, 'is required').max(100),
  })
  .strict();

/** For target systems: does this user hold this role right now? `{allowed, grantId, expiresAt}`. */
export const GET = apiRoute({ scope: 'check', query: checkQuery }, async ({ deps, ctx, query }) => checkAccess(deps, ctx, query));
