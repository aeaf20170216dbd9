import { apiRoute } from '@/lib/http/api-handler';
import { operations } from '@/lib/http/contract/operations';
import { currentToken } from '@/lib/services/tokens/current-token';

export const dynamic = 'force-dynamic';

/** Who the token acts as, and the token itself (`timebox whoami`). */
export const GET = apiRoute(operations.whoami, async ({ deps, ctx }) => {
  const { id, email, name, role, groups, isApprover } = ctx.actor;
  return { user: { id, email, name, role, groups, isApprover }, token: await currentToken(deps, ctx) };
});
