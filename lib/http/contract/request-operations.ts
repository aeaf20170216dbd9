import { z } from 'zod';
import { decisionInput, requestAccessInput } from '@/lib/domain/request-input';
import { queryFlag, queryLimit, requestStatusQuery } from '../api-schemas';
import { one, op, requestId } from './operation';
import * as r from './responses';

// Requests and the approver's side of them: /api/v1/requests, /api/v1/inbox.

export const requestOperations = {
  listRequests: op({
    method: 'GET',
    path: '/api/v1/requests',
    tag: 'Requests',
    summary: 'List requests',
    description: 'Requests the token’s user may see (their own, those they may decide, or everyone’s for auditors), newest first.',
    scope: 'requests',
    query: z.object({ status: requestStatusQuery, mine: queryFlag, limit: queryLimit }).strict(),
    response: one('items', z.array(r.requestView)),
  }),
  createRequest: op({
    method: 'POST',
    path: '/api/v1/requests',
    tag: 'Requests',
    summary: 'Request access',
    description: 'Submits a request for a role; 201 with the request (and its grant when auto-approved). 422 lists every policy rule the request breaks. With `onBehalfOf` (scope `requests:delegate` too) the request is that user’s.',
    scope: 'requests',
    body: requestAccessInput.extend({
      onBehalfOf: z.email({ message: 'must be an e-mail address' }).max(320).optional().meta({ description: 'Submit the request for this user (a token with the `requests:delegate` scope, admins only). Their eligibility and policy apply; they cannot approve it.' }),
    }),
    status: 201,
    response: one('request', r.requestView),
    errors: [404, 409, 422],
  }),
  getRequest: op({ method: 'GET', path: '/api/v1/requests/{id}', tag: 'Requests', summary: 'Get a request', scope: 'requests', params: requestId, response: one('request', r.requestView) }),
  cancelRequest: op({
    method: 'POST',
    path: '/api/v1/requests/{id}/cancel',
    tag: 'Requests',
    summary: 'Cancel your pending request',
    scope: 'requests',
    params: requestId,
    body: decisionInput,
    response: one('request', r.requestView),
    errors: [409],
  }),
  approveRequest: op({
    method: 'POST',
    path: '/api/v1/requests/{id}/approve',
    tag: 'Approvals',
    summary: 'Approve a request',
    description: 'Counts one approval; the request is approved (and its grant scheduled) once the policy’s count is reached. Nobody approves their own request (403); one no longer pending, or already decided by you, is 409; one you are not an approver for is 404.',
    scope: 'approvals',
    params: requestId,
    body: decisionInput,
    response: one('request', r.requestView),
    errors: [409, 422],
  }),
  denyRequest: op({
    method: 'POST',
    path: '/api/v1/requests/{id}/deny',
    tag: 'Approvals',
    summary: 'Deny a request',
    description: 'A comment is required (422 without). Nobody decides their own request (403); one no longer pending, or already decided by you, is 409.',
    scope: 'approvals',
    params: requestId,
    body: decisionInput,
    response: one('request', r.requestView),
    errors: [409, 422],
  }),
  listInbox: op({
    method: 'GET',
    path: '/api/v1/inbox',
    tag: 'Approvals',
    summary: 'Requests waiting for your decision',
    description: 'Pending requests you may decide and have not yet, oldest first; never your own (the portal’s Inbox).',
    scope: 'approvals',
    query: z.object({ limit: queryLimit }).strict(),
    response: one('items', z.array(r.requestView)),
  }),
} as const;
