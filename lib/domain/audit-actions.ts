// Every audit action Timebox writes, with the shape of its `data` — a closed list, so an event cannot be
// written under a name nobody filters for, and the audit filter offers exactly what is emitted.
// (The model is documenso's typed audit-log union: packages/lib/types/document-audit-logs.ts.)

// Values an operator typed (settings, filters) are recorded as given: any JSON.
type Json = unknown;
type Iso = string;
type Change = { before: Record<string, Json> | null; after: Record<string, Json> | null };

export type AuditEventData = {
  'seed.applied': { created: Json };
  'user.created': { provider: string; groupsAdded: string[]; groupsRemoved: string[] };
  'user.signed_in': { provider: string; groupsAdded?: string[]; groupsRemoved?: string[] };
  'user.disabled': { email: string; via: 'portal' | 'scim'; requestsCancelled: number; approvalsVoided: number; tokensRevoked: number; grantsEnded: number };
  'user.enabled': { email: string; via: 'portal' | 'scim' };
  'user.signed_out': { everywhere: boolean };
  /** The IdP's groups changed the portal role (TIMEBOX_ADMIN_GROUPS / TIMEBOX_AUDITOR_GROUPS). */
  'user.role_changed': { email: string; from: string; to: string; via: 'oidc' | 'scim'; idpDecides: boolean };

  'scim.token_created': { prefix: string; rotated: boolean };
  'scim.user_created': { userId: string; userName: string; externalId: string | null };
  'scim.user_updated': { userId: string; userName: string; changes: Json };
  'scim.user_deleted': { userId: string; userName: string };
  'scim.group_created': { groupId: string; displayName: string; members: string[] };
  'scim.group_updated': { groupId: string; displayName: string; renamedFrom?: string; added: string[]; removed: string[] };
  'scim.group_deleted': { groupId: string; displayName: string };

  'resource.created': Change;
  'resource.updated': Partial<Change> & { slug: string };
  'resource.archived': Change & { slug: string };
  'entitlement.created': Change & { resource: string };
  'entitlement.updated': Partial<Change> & { resource: string; role: string };
  'entitlement.archived': Change & { resource: string; role: string };
  'policy.updated': Partial<Change> & { resource: string; role: string };

  'request.created': {
    resource?: string;
    role?: string;
    durationMinutes?: number;
    justification: string;
    ticket?: string | null;
    startAt?: Iso | null;
    /** Set on a request for more time on an existing grant. */
    extension?: true;
    minutes?: number;
    /** Set on a break-glass request (granted at once, reviewed afterwards). */
    breakGlass?: true;
    /** Submitted through a `requests:delegate` token for this user (the requester); the event's actor and token are who asked. */
    onBehalfOf?: string;
  };
  'request.auto_approved': { rule: 'auto-approve' | 'break-glass' };
  'request.break_glass_refused': { resource: string; role: string; reason: 'rate_limit'; limit: number; inLast24h: number };
  'request.approved': { approvals: number; required: number };
  'request.denied': { approvals: number; required: number };
  'request.cancelled': { comment: string | null };
  'request.expired': Record<string, never>;
  'review.approve': { comment: string | null };
  'review.deny': { comment: string | null };
  'review.voided': { reviewer: string; reason: 'user_disabled' };

  'grant.created': { startsAt: Iso; expiresAt: Iso; breakGlass?: true };
  'grant.provisioning': { leaseUntil: Iso };
  'grant.provisioning_resumed': { leaseUntil: Iso };
  'grant.activated': { expiresAt: Iso };
  'grant.break_glass_started': { resource: string; role: string; durationMinutes: number; justification: string; ticket: string | null; expiresAt: Iso };
  'grant.break_glass_reviewed': { outcome: 'justified' | 'not_justified'; reviewer: string; comment: string | null };
  'grant.failed': { reason: string };
  'grant.extended': { byMinutes: number; from: Iso; to: Iso };
  'grant.extension_not_applied_in_target': { reason: string };
  'grant.credentials_issued': { username: string; host: string; database: string | null; expiresAt: Iso | null };
  'grant.certificate_issued': { serial: string; keyId: string; principals: string[]; validBefore: Iso; fingerprint: string | null };
  'grant.revoke_requested': { reason: string | null };
  'grant.ending': { reason: 'expired'; expiresAt: Iso };
  'grant.deprovision_failed': { attempt: number; nextAttemptAt: Iso; reason: string };
  'grant.revoked': { reason?: string | null; attempts?: number };
  'grant.expired': { attempts: number };

  'token.created': { tokenId: string; name: string; prefix: string; scopes: string[]; expiresAt: Iso | null; via: string };
  'token.revoked': { tokenId: string; name: string; prefix: string; via: string };
  /** The `timebox` CLI's device sign-in (lib/services/device): a user approved or denied "Timebox CLI on <host>". */
  'device.approved': { deviceId: string; clientName: string; scopes: string[] };
  'device.denied': { deviceId: string; clientName: string };
  /** The approved device code was redeemed once for an expiring API token. */
  'device.token_issued': { deviceId: string; clientName: string; tokenId: string; prefix: string; scopes: string[]; expiresAt: Iso };

  'reconcile.drift_found': { resource: string; principal: string; role: string; detail: string | null };
  'reconcile.drift_removed': { resource: string; principal: string; role: string; detail: string | null };
  'reconcile.access_restored': { resource: string; role: string };
  'reconcile.completed': { drift: number; removed: number; restored?: number; failed: string[] };

  'activity.reported': {
    kind: string;
    detail: string;
    detailTruncated?: true;
    principal: string | null;
    user: string | null;
    userId: string | null;
    outsideGrant: boolean;
    /** When the reporter says it was done (occurredAt is when the database recorded the report). */
    reportedAt: Iso;
    receivedAt: Iso;
  };
  'audit.exported': { format: string; filters: Json };
  /** A rate limit started refusing a client: written once per block, not per refused attempt. */
  'security.rate_limited': { limiter: string; attempts: number; windowSeconds: number; blockedForSeconds: number };

  'notification.failed': { notificationId: string; kind: string; channel: string; attempts: number; lastError: string | null };
  'notification.resent': { notificationId: string; kind: string; channel: string };
  /** A person's own channel choices (/settings/notifications): the kinds they now get without e-mail or bell. */
  'notification.preferences_changed': { emailOff: string[]; bellOff: string[] };
};

export type AuditAction = keyof AuditEventData;

/** What each action means, for people reading the filter; its keys are the runtime list of actions. */
const auditActionDescriptions: Record<AuditAction, string> = {
  'seed.applied': 'demo data loaded',
  'user.created': 'first sign-in of a user',
  'user.signed_in': 'sign-in',
  'user.disabled': 'user disabled (offboarded)',
  'user.enabled': 'user enabled again',
  'user.signed_out': 'sign-out that ended sessions',
  'user.role_changed': 'portal role changed by IdP groups',
  'scim.token_created': 'SCIM token created or rotated',
  'scim.user_created': 'user provisioned by SCIM',
  'scim.user_updated': 'user changed by SCIM',
  'scim.user_deleted': 'user deleted by SCIM',
  'scim.group_created': 'group provisioned by SCIM',
  'scim.group_updated': 'group changed by SCIM',
  'scim.group_deleted': 'group deleted by SCIM',
  'resource.created': 'resource created',
  'resource.updated': 'resource settings changed',
  'resource.archived': 'resource archived',
  'entitlement.created': 'role created',
  'entitlement.updated': 'role changed',
  'entitlement.archived': 'role archived',
  'policy.updated': 'policy changed',
  'request.created': 'request submitted',
  'request.auto_approved': 'request approved by rule',
  'request.break_glass_refused': 'break-glass refused (too many in 24 h)',
  'request.approved': 'request approved',
  'request.denied': 'request denied',
  'request.cancelled': 'request withdrawn',
  'request.expired': 'request timed out undecided',
  'review.approve': 'one approver approved',
  'review.deny': 'one approver denied',
  'review.voided': 'approval no longer counts (approver offboarded)',
  'grant.created': 'grant created',
  'grant.provisioning': 'access being set up in the target',
  'grant.provisioning_resumed': 'setting up access again after an interrupted try',
  'grant.activated': 'grant started',
  'grant.break_glass_started': 'break-glass: access taken without approval',
  'grant.break_glass_reviewed': 'break-glass grant reviewed',
  'grant.failed': 'provisioning failed',
  'grant.extended': 'grant extended',
  'grant.extension_not_applied_in_target': 'target kept the old end time',
  'grant.credentials_issued': 'credentials issued',
  'grant.certificate_issued': 'SSH certificate issued',
  'grant.revoke_requested': 'revocation asked for',
  'grant.ending': 'time up, access being removed',
  'grant.deprovision_failed': 'removing access failed, will retry',
  'grant.revoked': 'grant revoked',
  'grant.expired': 'grant ended on time',
  'token.created': 'API token created',
  'token.revoked': 'API token revoked',
  'device.approved': 'CLI sign-in approved',
  'device.denied': 'CLI sign-in denied',
  'device.token_issued': 'CLI sign-in issued a token',
  'reconcile.drift_found': 'access nobody granted found',
  'reconcile.drift_removed': 'access nobody granted removed',
  'reconcile.access_restored': 'missing access of a live grant given again',
  'reconcile.completed': 'reconciliation run',
  'activity.reported': 'activity reported by a target',
  'audit.exported': 'audit trail exported',
  'security.rate_limited': 'repeated failures: a client was rate-limited',
  'notification.failed': 'notification given up after 24 h of retries',
  'notification.resent': 'failed notification sent again',
  'notification.preferences_changed': 'own notification settings changed',
};

export const auditActions = Object.keys(auditActionDescriptions) as AuditAction[];

export const describeAuditAction = (action: string): string | undefined =>
  Object.hasOwn(auditActionDescriptions, action) ? auditActionDescriptions[action as AuditAction] : undefined;

/** The families (`grant.`, `request.` …), offered as prefix filters. */
export const auditActionPrefixes = [...new Set(auditActions.map((a) => `${a.slice(0, a.indexOf('.'))}.`))];
