import { z } from 'zod';
import { auditFilterShape, checkTimeRange } from '@/lib/audit/filters';
import { reviewInput } from '@/lib/domain/break-glass';
import { auditExportQuery } from '../audit-export';
import { idParams, queryLimit } from '../api-schemas';
import { grantId, one, op } from './operation';
import * as r from './responses';

// Compliance: the audit trail (list, timeline, export, verify) and the break-glass review queue.

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

export const auditOperations = {
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
} as const;
