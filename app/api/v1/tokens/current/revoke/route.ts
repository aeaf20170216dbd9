import { apiRoute } from '@/lib/http/api-handler';
import { operations } from '@/lib/http/contract/operations';
import { revokeApiToken } from '@/lib/services/tokens/revoke-api-token';
import { AppError } from '@/lib/errors';

export const dynamic = 'force-dynamic';

/** The calling token revokes itself (`timebox logout`): it works for this call and never again. */
export const POST = apiRoute(operations.revokeCurrentToken, async ({ deps, ctx }) => {
  if (!ctx.token) throw new AppError('unauthenticated', 'Send the API token to revoke.');
  return { token: await revokeApiToken(deps, ctx, { tokenId: ctx.token.id }) };
});
