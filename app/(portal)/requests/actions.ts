'use server';

import { z } from 'zod';
import { requestAccessInput, uuidParam } from '@/lib/domain/request-input';
import { authedAction } from '@/lib/http/server-action';
import { cancelRequest as cancelRequestService } from '@/lib/services/requests/cancel-request';
import { requestAccess } from '@/lib/services/requests/request-access';

// Schemas stay module-private: a "use server" file may export async functions only.
const cancelInput = z.object({ requestId: uuidParam, comment: z.string().trim().max(2_000).optional() }).strict();

/** The "Request access" form; the same input schema as POST /api/v1/requests. */
export const submitRequest = authedAction('submitRequest', requestAccessInput, (deps, ctx, input) => requestAccess(deps, ctx, input));

/** "Cancel" on My requests: only the requester's own pending request. */
export const cancelRequest = authedAction('cancelRequest', cancelInput, (deps, ctx, input) => cancelRequestService(deps, ctx, input));
