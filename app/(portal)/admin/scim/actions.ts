'use server';

import { z } from 'zod';
import { authedAction } from '@/lib/http/server-action';
import { createScimToken } from '@/lib/services/scim/scim-token';

/** Creates (or rotates) the SCIM token; the result carries the secret, shown once. */
export const createScimTokenAction = authedAction('createScimTokenAction', z.object({}).strict(), (deps, ctx) => createScimToken(deps, ctx));
