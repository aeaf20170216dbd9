'use server';

import { z } from 'zod';
import { authedAction } from '@/lib/http/server-action';
import { disableUser, enableUser } from '@/lib/services/identity/manage-users';

// Offboarding from the portal: the service checks the admin role, and disabling ends every grant,
// request, token and session of the user in one transaction (lib/services/identity/offboard-user.ts).
const userInput = z.object({ userId: z.uuid({ message: 'must be a user id' }) }).strict();

export const disableUserAction = authedAction('disableUserAction', userInput, (deps, ctx, input) => disableUser(deps, ctx, input));

export const enableUserAction = authedAction('enableUserAction', userInput, (deps, ctx, input) => enableUser(deps, ctx, input));
