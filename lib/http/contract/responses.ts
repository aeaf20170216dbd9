import { z } from 'zod';
import type { AccessCheck } from '@/lib/services/grants/check-access';
import type { ActivityResult } from '@/lib/audit/report-activity';
import type { AuditPage } from '@/lib/audit/query';
import type { AuditEventView } from '@/lib/audit/view';
import type { GrantTimeline } from '@/lib/audit/timeline';
import type { VerifyResult } from '@/lib/audit/verify';
import type { DatabaseCredentials, SshCertificate } from '@/lib/connectors/types';
import { grantStatuses, requestStatuses } from '@/lib/domain/grant-status';
import type { GrantView, RequestView } from '@/lib/services/views';
import type { ReviewItem } from '@/lib/services/break-glass/review-queue';
import type { CatalogEntry } from '@/lib/services/requests/catalog';
import type { TokenView } from '@/lib/services/tokens/token-view';
import { allScopes } from '@/lib/domain/scopes';

// What the /api/v1 routes answer, as zod schemas: the OpenAPI document is generated from them and the
// integration tests check every real response against it. The `Same<…>` lines at the bottom make
// `npm run typecheck` fail when a service's view and its schema drift apart, in either direction.

const isoTime = z.iso.datetime({ offset: true }).meta({ description: 'ISO 8601 date and time (UTC)' });
const uuid = z.uuid();
const person = z.object({ id: uuid, email: z.email(), name: z.string() });
const resourceKind = z.enum(['portal', 'postgres', 'mysql', 'ssh', 'webhook']);

/** `{"error":{"code","message"}}`: the one error shape of every route. */
export const errorBody = z
  .object({
    error: z.object({
      code: z.string().meta({ description: 'bad_request, unauthenticated, forbidden, not_found, conflict, unprocessable, payload_too_large, unsupported_media_type, unavailable or internal' }),
      message: z.string().meta({ description: 'A sentence fit for a user.' }),
      fields: z.record(z.string(), z.string()).optional().meta({ description: 'One message per input, when the input was at fault.' }),
      requestId: z.string().optional().meta({ description: 'On a 500 only: quote it to find the log line.' }),
    }),
  })
  .meta({ id: 'Error' });

export const grantView = z
  .object({
    id: uuid,
    requestId: uuid,
    status: z.enum(grantStatuses),
    resource: z.string(),
    resourceName: z.string(),
    resourceKind,
    role: z.string(),
    user: person,
    startsAt: isoTime,
    expiresAt: isoTime,
    activatedAt: isoTime.nullable(),
    endedAt: isoTime.nullable(),
    endReason: z.string().nullable(),
    revokeReason: z.string().nullable(),
    failureReason: z.string().nullable(),
    revokeAttempts: z.int(),
    lastError: z.string().nullable(),
    needsReview: z.boolean(),
    breakGlass: z.boolean().meta({ description: 'Taken in an emergency without approval; reviewed afterwards.' }),
    review: z
      .object({ outcome: z.enum(['justified', 'not_justified']), comment: z.string().nullable(), reviewer: z.object({ email: z.email(), name: z.string() }), createdAt: isoTime })
      .nullable()
      .meta({ description: 'The after-the-fact review of a break-glass grant, once done.' }),
  })
  .meta({ id: 'Grant' });

export const reviewItem = z
  .object({
    grant: grantView,
    justification: z.string(),
    ticket: z.string().nullable(),
    durationMinutes: z.int(),
    brokeGlassAt: isoTime,
    overdue: z.boolean(),
  })
  .meta({ id: 'BreakGlassReview' });

export const requestView = z
  .object({
    id: uuid,
    status: z.enum(requestStatuses),
    resource: z.string(),
    resourceName: z.string(),
    role: z.string(),
    requester: person,
    durationMinutes: z.int(),
    justification: z.string(),
    ticket: z.string().nullable(),
    startAt: isoTime.nullable(),
    autoApproved: z.boolean(),
    breakGlass: z.boolean(),
    extendsGrantId: uuid.nullable(),
    createdAt: isoTime,
    expiresAt: isoTime.meta({ description: 'When a still-pending request lapses.' }),
    decidedAt: isoTime.nullable(),
    reviews: z.array(z.object({ reviewer: z.object({ email: z.email(), name: z.string() }), decision: z.enum(['approve', 'deny']), comment: z.string().nullable(), createdAt: isoTime })),
    approvals: z
      .object({ approved: z.int(), required: z.int(), approverGroups: z.array(z.string()) })
      .nullable()
      .meta({ description: 'Distinct approvals so far against what the policy asks; null when the role has no policy.' }),
    grant: grantView.nullable(),
  })
  .meta({ id: 'Request' });

export const auditEventView = z
  .object({
    id: uuid,
    seq: z.string().meta({ description: 'Decimal: a 64-bit integer.' }),
    occurredAt: isoTime,
    actorId: uuid.nullable(),
    actorLabel: z.string(),
    tokenId: uuid.nullable(),
    action: z.string(),
    resourceId: uuid.nullable(),
    resource: z.string().nullable(),
    entitlementId: uuid.nullable(),
    requestId: uuid.nullable(),
    grantId: uuid.nullable(),
    statusFrom: z.string().nullable(),
    statusTo: z.string().nullable(),
    ip: z.string().nullable(),
    userAgent: z.string().nullable(),
    data: z.record(z.string(), z.unknown()),
    reportedAt: isoTime.nullable().meta({ description: 'When a report says it happened (reported activity); `occurredAt` is when the database recorded it.' }),
    chainIndex: z.string().nullable().meta({ description: 'Position in the hash chain; null until sealed.' }),
    prevHash: z.string().nullable(),
    hash: z.string().nullable(),
  })
  .meta({ id: 'AuditEvent' });

const timelineEntry = auditEventView.extend({ phase: z.enum(['request', 'decision', 'activation', 'credentials', 'activity', 'end', 'other']) });

export const grantTimeline = z.object({ grantId: uuid, events: z.array(timelineEntry), truncated: z.boolean() });

export const auditPage = z.object({ items: z.array(auditEventView), nextCursor: z.string().nullable(), prevCursor: z.string().nullable() });

const verifyReason = z.enum([
  'hash-mismatch',
  'gap',
  'prev-hash-mismatch',
  'forged',
  'anchor-mismatch',
  'mac-missing',
  'mac-mismatch',
  'seal-mac-missing',
  'seal-mac-mismatch',
  'search-text-mismatch',
  'backdated',
  'truncated',
  'checkpoint-invalid',
]);
const verifyFinding = z.object({
  reason: verifyReason,
  chainIndex: z.string().nullable().meta({ description: 'The event\'s position in the chain (for `truncated`, the checkpoint\'s); null when not sealed or not about one event.' }),
  seq: z.string().nullable(),
  id: uuid.nullable(),
});
const verifyCommon = {
  checked: z.int(),
  unsealed: z.int(),
  legacy: z.int().meta({ description: 'Events sealed before the trail was signed (AUDIT_SIGNING_KEY): chained, without MACs.' }),
  checkpoint: z.object({ chainIndex: z.string(), at: isoTime }).nullable().meta({ description: 'The latest signed checkpoint the chain was compared with.' }),
  findings: z.array(verifyFinding).meta({ description: 'Every kind of tampering found, with its event (at most 100).' }),
};
export const verifyResult = z.union([
  z.object({ ok: z.literal(true), ...verifyCommon, head: z.object({ chainIndex: z.string(), hash: z.string() }).nullable() }),
  z.object({ ok: z.literal(false), ...verifyCommon, firstBrokenId: uuid.nullable(), chainIndex: z.string().nullable(), reason: verifyReason }),
]);

export const accessCheck = z.object({ allowed: z.boolean(), grantId: uuid.nullable(), expiresAt: isoTime.nullable() });

export const activityResult = z.object({ linkedGrantId: uuid.nullable(), outsideGrant: z.boolean(), eventId: uuid });

export const databaseCredentials = z
  .object({
    kind: z.enum(['postgres', 'mysql']),
    username: z.string(),
    password: z.string(),
    host: z.string(),
    port: z.int(),
    database: z.string(),
    url: z.string(),
    expiresAt: isoTime,
  })
  .meta({ id: 'DatabaseCredentials' });

export const sshCertificate = z.object({ certificate: z.string(), principals: z.array(z.string()), validAfter: isoTime, validBefore: isoTime, serial: z.string() });

export const catalogEntry = z
  .object({
    resource: z.string(),
    resourceName: z.string(),
    resourceDescription: z.string(),
    resourceKind: z.string(),
    role: z.string(),
    description: z.string(),
    policy: z.object({
      maxDurationMinutes: z.int(),
      approverGroups: z.array(z.string()),
      requiredApprovals: z.int(),
      justificationRequired: z.boolean(),
      justificationMinLength: z.int(),
      ticketRequired: z.boolean(),
      ticketPattern: z.string().nullable(),
      ticketExample: z.string().nullable(),
      autoApproveUpToMinutes: z.int().nullable(),
      breakGlassUpToMinutes: z.int().nullable(),
    }),
  })
  .meta({ id: 'RequestableRole' });

export const tokenView = z
  .object({
    id: uuid,
    name: z.string(),
    prefix: z.string(),
    scopes: z.array(z.string()),
    status: z.enum(['active', 'expired', 'revoked']),
    createdAt: isoTime,
    expiresAt: isoTime.nullable(),
    lastUsedAt: isoTime.nullable(),
    revokedAt: isoTime.nullable(),
  })
  .meta({ id: 'ApiToken' });

export const whoami = z.object({
  user: z.object({ id: uuid, email: z.email(), name: z.string(), role: z.string(), groups: z.array(z.string()), isApprover: z.boolean() }),
  token: tokenView,
});

export const deviceCode = z.object({
  deviceCode: z.string().meta({ description: 'The CLI’s secret: send it to /api/v1/device/token. Never shown to a person.' }),
  userCode: z.string().meta({ description: 'What the person types on the verification page, e.g. BCDF-GHJK.' }),
  verificationUri: z.string().meta({ description: 'The portal page where the person approves: `/device`, on this server.' }),
  verificationUriComplete: z.string().meta({ description: 'The same page with the code filled in.' }),
  expiresIn: z.int().meta({ description: 'Seconds until both codes expire.' }),
  interval: z.int().meta({ description: 'Seconds to wait between polls.' }),
});

export const deviceToken = z.object({
  token: z.string().meta({ description: 'An API token (tbx_…) of the approving user, shown once.' }),
  tokenType: z.literal('Bearer'),
  expiresAt: isoTime,
  scopes: z.array(z.enum(allScopes)),
  user: z.object({ email: z.email(), name: z.string().nullable() }),
});

// Compile-time drift checks: each service type and its schema must describe the same JSON.
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
const same = <T extends true>(): T => true as T;
void same<Same<GrantView, z.output<typeof grantView>>>();
void same<Same<ReviewItem, z.output<typeof reviewItem>>>();
void same<Same<RequestView, z.output<typeof requestView>>>();
void same<Same<AuditEventView, z.output<typeof auditEventView>>>();
void same<Same<GrantTimeline, z.output<typeof grantTimeline>>>();
void same<Same<AuditPage, z.output<typeof auditPage>>>();
void same<Same<AccessCheck, z.output<typeof accessCheck>>>();
void same<Same<ActivityResult, z.output<typeof activityResult>>>();
void same<Same<DatabaseCredentials, z.output<typeof databaseCredentials>>>();
void same<Same<SshCertificate, z.output<typeof sshCertificate>>>();
void same<Same<CatalogEntry, z.output<typeof catalogEntry>>>();
void same<Same<TokenView, z.output<typeof tokenView>>>();
type VerifyJson = VerifyResult;
void same<Same<VerifyJson, z.output<typeof verifyResult>>>();
