'use server';

import { extendInput, revokeInput, uuidParam } from '@/lib/domain/request-input';
import { authedAction } from '@/lib/http/server-action';
import { extendGrant as extendGrantService } from '@/lib/services/grants/extend-grant';
import { revokeGrant as revokeGrantService } from '@/lib/services/grants/revoke-grant';

// The REST bodies plus the grant's id (which the API takes from the URL).
const revokeForm = revokeInput.extend({ grantId: uuidParam });
const extendForm = extendInput.extend({ grantId: uuidParam });

/** "Revoke": the holder, or an admin for anyone's grant (the service decides which). */
export const revokeGrant = authedAction('revokeGrant', revokeForm, (deps, ctx, input) => revokeGrantService(deps, ctx, input));

/** "Extend": returns the extension request, approved at once or pending for approvers. */
export const extendGrant = authedAction('extendGrant', extendForm, (deps, ctx, input) => extendGrantService(deps, ctx, input));
