'use server';

import { z } from 'zod';
import { decisionInput, uuidParam } from '@/lib/domain/request-input';
import { authedAction } from '@/lib/http/server-action';
import { decideRequest as decideRequestService } from '@/lib/services/requests/decide-request';

const decisionForm = decisionInput.extend({ requestId: uuidParam, decision: z.enum(['approve', 'deny']) });

/** "Approve" / "Deny" in the inbox. A deny needs a comment; the service says so next to the field. */
export const decideRequest = authedAction('decideRequest', decisionForm, (deps, ctx, input) => decideRequestService(deps, ctx, input));
