import { z } from 'zod';
import { activityInput } from '@/lib/audit/activity-input';
import { auditFilterShape, checkTimeRange } from '@/lib/audit/filters';
import { reviewInput } from '@/lib/domain/break-glass';
import { certificateInput } from '@/lib/domain/certificate-input';
import { decisionInput, extendInput, requestAccessInput, revokeInput } from '@/lib/domain/request-input';
import type { TokenScope } from '@/lib/domain/scopes';
import { auditExportQuery } from '../audit-export';
import { grantStatusQuery, idParams, queryFlag, queryLimit, requestStatusQuery } from '../api-schemas';
import * as r from './responses';
import { deviceCodeInput, deviceTokenInput } from '@/lib/services/device/device-input';

// Every /api/v1 operation: the route handlers take their scope and zod schemas from here (apiRoute),
// and GET /api/openapi.json is generated from the same entries. Adding a route means adding it here;
// tests/api/openapi.integration.test.ts fails while a route file and this list disagree.

/** A response that is not JSON (a file, a key), described for the document only. */
export interface RawResponse {
  contentType: string;
  description: string;
  binary?: boolean;
}

export interface Operation<P extends z.ZodType | undefined = z.ZodType | undefined, Q extends z.ZodType | undefined = z.ZodType | undefined, B extends z.ZodType | undefined = z.ZodType | undefined> {
  method: 'GET' | 'POST';
  /** OpenAPI path template: `/api/v1/requests/{id}`. */
  path: string;
  summary: string;
  description?: string;
  tag: 'Requests' | 'Approvals' | 'Reviews' | 'Grants' | 'Access check' | 'Audit' | 'SSH' | 'Account' | 'CLI sign-in';
  /** The token scope a call needs; `any` for a valid token of any scope (about the token itself); null for the public endpoints, which take no token. */
  scope: TokenScope | 'any' | null;
  params?: P;
  query?: Q;
  body?: B;
  /** The success status (200 unless said). */
  status?: number;
  response: z.ZodType | RawResponse;
  /** Refusals the service itself makes, beyond those that follow from the spec (401/403, 400 for input, 404 for ids, 413/415 for bodies). */
  errors?: number[];
}

// Keeps each entry's own schema types (and whether it has a scope), so route handlers infer their input from it.
const op = <S extends TokenScope | 'any' | null, P extends z.ZodType | undefined = undefined, Q extends z.ZodType | undefined = undefined, B extends z.ZodType | undefined = undefined>(
  o: Operation<P, Q, B> & { scope: S },
) => o;

const grantId = idParams('grant');
const requestId = idParams('request');
const one = <K extends string, S extends z.ZodType>(key: K, schema: S) => z.object({ [key]: schema } as { [P in K]: S });

export const checkQuery = z
  .object({
    user: z.email({ message: 'must be an e-mail address' }).max(320),
    resource: z.string().trim().min(1, 'is required').max(100),
    role: z.string().trim().min(1, 'is required').max(100),
  })
  .strict();

/** `anchor=<chainIndex>:<hash>`: a head written down earlier, which must still be in the chain. */
export const verifyQuery = z
  .object({
    anchor: z
      .string()
      .regex(/^\d{1,19}:[0-9a-f]{64}$/, 'must be <chainIndex>:<hash> as a previous verify reported it')
      .transform((v) => ({ chainIndex: BigInt(v.split(':')[0]!), hash: v.split(':')[1]! }))
      .optional(),
  })
  .strict();

export const operations = {
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
  listGrants: op({
    method: 'GET',
    path: '/api/v1/grants',
    tag: 'Grants',
    summary: 'List grants',
    description: 'The token user’s grants; `all=true` lists everyone’s for auditors and admins (ignored for others).',
    scope: 'grants',
    query: z.object({ status: grantStatusQuery, all: queryFlag, limit: queryLimit }).strict(),
    response: one('items', z.array(r.grantView)),
  }),
  getGrant: op({ method: 'GET', path: '/api/v1/grants/{id}', tag: 'Grants', summary: 'Get a grant', scope: 'grants', params: grantId, response: one('grant', r.grantView) }),
  revokeGrant: op({
    method: 'POST',
    path: '/api/v1/grants/{id}/revoke',
    tag: 'Grants',
    summary: 'Revoke a grant',
    description: 'Ends the grant now (yours, or anyone’s for admins). Access is removed from the target after the answer.',
    scope: 'grants',
    params: grantId,
    body: revokeInput,
    response: one('grant', r.grantView),
    errors: [409],
  }),
  extendGrant: op({
    method: 'POST',
    path: '/api/v1/grants/{id}/extend',
    tag: 'Grants',
    summary: 'Extend a live grant',
    description: '201 with the extension request: approved and applied at once, or pending for approvers.',
    scope: 'grants',
    params: grantId,
    body: extendInput,
    status: 201,
    response: one('request', r.requestView),
    errors: [409, 422],
  }),
  grantCredentials: op({
    method: 'POST',
    path: '/api/v1/grants/{id}/credentials',
    tag: 'Grants',
    summary: 'Fresh database credentials',
    description: 'For an active PostgreSQL or MySQL grant: a new password, set in the target and returned once (never stored). Each call replaces the previous one.',
    scope: 'grants',
    params: grantId,
    body: z.object({}).strict(),
    response: r.databaseCredentials,
    errors: [409, 422, 503],
  }),
  grantCertificate: op({
    method: 'POST',
    path: '/api/v1/grants/{id}/certificate',
    tag: 'Grants',
    summary: 'Sign an SSH public key',
    description: 'For an active SSH grant: an OpenSSH user certificate for the key, valid until the grant ends.',
    scope: 'grants',
    params: grantId,
    body: certificateInput,
    response: r.sshCertificate,
    errors: [409, 422, 503],
  }),
  checkAccess: op({
    method: 'GET',
    path: '/api/v1/access/check',
    tag: 'Access check',
    summary: 'Does a user hold a role now?',
    description: 'For target systems: decided by the grant’s own end time, so access reads as ended the instant it ends.',
    scope: 'check',
    query: checkQuery,
    response: r.accessCheck,
  }),
  reportActivity: op({
    method: 'POST',
    path: '/api/v1/activity',
    tag: 'Audit',
    summary: 'Report activity on a target',
    description: 'A target or agent reports what a principal did; it is linked to the grant live at `at`. Admin tokens only.',
    scope: 'activity',
    body: activityInput,
    status: 201,
    response: r.activityResult,
    errors: [404, 422],
  }),
  listAudit: op({
    method: 'GET',
    path: '/api/v1/audit',
    tag: 'Audit',
    summary: 'Read the audit trail',
    description: 'Newest first, filtered, a keyset page at a time. Auditors and admins.',
    scope: 'audit',
    query: z.object({ ...auditFilterShape, limit: queryLimit, cursor: z.string().max(100).optional() }).strict().superRefine(checkTimeRange),
    response: r.auditPage,
  }),
  getAuditEvent: op({ method: 'GET', path: '/api/v1/audit/events/{id}', tag: 'Audit', summary: 'One audit event', scope: 'audit', params: idParams('audit event'), response: one('event', r.auditEventView) }),
  grantTimeline: op({
    method: 'GET',
    path: '/api/v1/audit/grants/{id}',
    tag: 'Audit',
    summary: 'A grant’s timeline',
    description: 'From the trail: request, decisions, activation, credentials, activity, end.',
    scope: 'audit',
    params: grantId,
    response: one('timeline', r.grantTimeline),
  }),
  exportAudit: op({
    method: 'GET',
    path: '/api/v1/audit/export',
    tag: 'Audit',
    summary: 'Export the audit trail',
    description: 'The whole filtered trail as a CSV or NDJSON attachment, oldest first, streamed.',
    scope: 'audit',
    query: auditExportQuery,
    response: { contentType: 'text/csv', description: 'CSV (format=csv) or NDJSON (format=ndjson, application/x-ndjson).' },
  }),
  verifyAudit: op({
    method: 'GET',
    path: '/api/v1/audit/verify',
    tag: 'Audit',
    summary: 'Verify the audit trail',
    description:
      'Seals what is committed, then walks the chain checking every hash and MAC, compares its head with the latest signed checkpoint, and recomputes searchText and event times. 200 either way: tampering is a finding (`ok: false`, every one in `findings` with its event), not an error.',
    scope: 'audit',
    query: verifyQuery,
    response: r.verifyResult,
  }),
  listReviews: op({
    method: 'GET',
    path: '/api/v1/reviews',
    tag: 'Reviews',
    summary: 'Break-glass grants waiting for your review',
    description: 'Unreviewed break-glass grants on roles whose approver groups you are in, not your own; oldest first. `overdue` once unreviewed for longer than TIMEBOX_BREAK_GLASS_REVIEW_HOURS.',
    scope: 'approvals',
    query: z.object({ limit: queryLimit }).strict(),
    response: one('items', z.array(r.reviewItem)),
  }),
  reviewBreakGlass: op({
    method: 'POST',
    path: '/api/v1/reviews/{grantId}',
    tag: 'Reviews',
    summary: 'Review a break-glass grant',
    description: 'One approver of the role who is not the holder closes the review: the holder gets 403, a grant already reviewed (also the loser of two racing reviewers) 409, "not_justified" without a comment 422.',
    scope: 'approvals',
    params: z.object({ grantId: z.uuid({ message: 'No such break-glass grant.' }) }).strict(),
    body: reviewInput,
    response: one('grant', r.grantView),
    errors: [409, 422],
  }),
  listResources: op({
    method: 'GET',
    path: '/api/v1/resources',
    tag: 'Requests',
    summary: 'What you may request',
    description: 'Every role the token’s user is eligible for, with the limits of its policy for them (longest duration, approvals, ticket, auto-approval).',
    scope: 'requests',
    response: one('items', z.array(r.catalogEntry)),
  }),
  whoami: op({
    method: 'GET',
    path: '/api/v1/me',
    tag: 'Account',
    summary: 'Who the token acts as',
    description: 'The token’s user (role, groups) and the token itself (scopes, expiry).',
    scope: 'any',
    response: r.whoami,
  }),
  revokeCurrentToken: op({
    method: 'POST',
    path: '/api/v1/tokens/current/revoke',
    tag: 'Account',
    summary: 'Revoke the token making the call',
    description: 'A token revoking itself (`timebox logout`): it stops working at once.',
    scope: 'any',
    body: z.object({}).strict(),
    response: one('token', r.tokenView),
    errors: [409],
  }),
  startDeviceSignIn: op({
    method: 'POST',
    path: '/api/v1/device/code',
    tag: 'CLI sign-in',
    summary: 'Start a device sign-in',
    description:
      'RFC 8628-style: the CLI gets a device code (its secret) and a short user code. A person signs in to the portal, opens `verificationUri`, types the user code and approves; the CLI polls `/api/v1/device/token`. Both codes expire after 10 minutes. Rate-limited per address (429).',
    scope: null,
    body: deviceCodeInput,
    response: r.deviceCode,
    errors: [429],
  }),
  redeemDeviceCode: op({
    method: 'POST',
    path: '/api/v1/device/token',
    tag: 'CLI sign-in',
    summary: 'Poll for the token of a device sign-in',
    description:
      'Once approved, answers the API token (12 hours, scopes requests, grants and approvals as the user holds them) — once. Until then 400 with `error.code` `authorization_pending`, `slow_down` (poll 5 s less often), `access_denied`, `expired_token` or `invalid_grant` (unknown or already used). Rate-limited per address (429).',
    scope: null,
    body: deviceTokenInput,
    response: r.deviceToken,
    errors: [429],
  }),
  sshCaKey: op({
    method: 'GET',
    path: '/api/v1/ssh/ca.pub',
    tag: 'SSH',
    summary: 'The SSH user CA public key',
    description: 'One OpenSSH line for sshd’s TrustedUserCAKeys. Public: no token.',
    scope: null,
    response: { contentType: 'text/plain', description: 'The CA public key.' },
    errors: [503],
  }),
  sshKrl: op({
    method: 'GET',
    path: '/api/v1/ssh/krl',
    tag: 'SSH',
    summary: 'The key revocation list',
    description: 'For sshd’s RevokedKeys: certificates of SSH grants revoked early. Public: no token. Always a valid KRL; 503 (with an empty KRL) when it cannot be built.',
    scope: null,
    response: { contentType: 'application/octet-stream', description: 'An OpenSSH KRL.', binary: true },
  }),
} as const;

export type OperationName = keyof typeof operations;
export const allOperations: readonly Operation[] = Object.values(operations) as readonly Operation[];
