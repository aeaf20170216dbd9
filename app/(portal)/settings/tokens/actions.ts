'use server';

import { z } from 'zod';
import { authedAction } from '@/lib/http/server-action';
import { signOutEverywhere } from '@/lib/services/identity/sessions';
import { createApiToken } from '@/lib/services/tokens/create-api-token';
import { createTokenInput, revokeTokenInput } from '@/lib/services/tokens/token-input';
import { revokeApiToken } from '@/lib/services/tokens/revoke-api-token';

/** Creates a token for the signed-in user; the result carries the secret, shown once. */
export const createToken = authedAction('createToken', createTokenInput, (deps, ctx, input) => createApiToken(deps, ctx, input));

/** Revokes one of the signed-in user's own tokens (anyone else's id: not found). */
export const revokeToken = authedAction('revokeToken', revokeTokenInput, (deps, ctx, input) => revokeApiToken(deps, ctx, input));

/** "Sign out everywhere": every browser session of the signed-in user ends at its next request. */
export const signOutEverywhereAction = authedAction('signOutEverywhereAction', z.object({}).strict(), (deps, ctx) => signOutEverywhere(deps, ctx));
