import { z } from 'zod';
import { activityInput } from '@/lib/audit/activity-input';
import { certificateInput } from '@/lib/domain/certificate-input';
import { extendInput, revokeInput } from '@/lib/domain/request-input';
import { grantStatusQuery, queryFlag, queryLimit } from '../api-schemas';
import { grantId, one, op } from './operation';
import * as r from './responses';

// Grants and what a holder does with one (credentials, certificates), and the access check other systems ask.

export const checkQuery = z
  .object({
    user: z.email({ message: 'must be an e-mail address' }).max(320),
    resource: z.string().trim().min(1, 'is required').max(100),
    role: z.string().trim().min(1, 'is required').max(100),
  })
  .strict();

export const grantOperations = {
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
} as const;
