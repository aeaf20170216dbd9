import type { Prisma } from '@/lib/db/generated/client';

// What services return: plain, JSON-safe shapes shared by pages and the REST API.

export const grantInclude = {
  user: { select: { id: true, email: true, name: true } },
  request: { select: { breakGlass: true } },
  review: { include: { reviewer: { select: { email: true, name: true } } } },
  entitlement: { select: { role: true, resource: { select: { slug: true, name: true, kind: true } } } },
} satisfies Prisma.GrantInclude;

export const requestInclude = {
  requester: { select: { id: true, email: true, name: true } },
  entitlement: {
    select: { role: true, resource: { select: { slug: true, name: true, kind: true } }, policy: { select: { requiredApprovals: true, approverGroups: true } } },
  },
  reviews: { orderBy: { createdAt: 'asc' }, include: { reviewer: { select: { email: true, name: true } } } },
  grant: { include: grantInclude },
} satisfies Prisma.AccessRequestInclude;

type GrantRow = Prisma.GrantGetPayload<{ include: typeof grantInclude }>;
type RequestRow = Prisma.AccessRequestGetPayload<{ include: typeof requestInclude }>;

const iso = (d: Date | null) => (d ? d.toISOString() : null);

export function grantView(g: GrantRow) {
  return {
    id: g.id,
    requestId: g.requestId,
    status: g.status,
    resource: g.entitlement.resource.slug,
    resourceName: g.entitlement.resource.name,
    resourceKind: g.entitlement.resource.kind,
    role: g.entitlement.role,
    user: g.user,
    startsAt: g.startsAt.toISOString(),
    expiresAt: g.expiresAt.toISOString(),
    activatedAt: iso(g.activatedAt),
    endedAt: iso(g.endedAt),
    endReason: g.endReason,
    revokeReason: g.revokeReason,
    failureReason: g.failureReason,
    revokeAttempts: g.revokeAttempts,
    lastError: g.lastError,
    needsReview: g.needsReview,
    /** Taken in an emergency without approval: shown with a badge wherever the grant appears. */
    breakGlass: g.request.breakGlass,
    /** The after-the-fact review of a break-glass grant, once someone has done it. */
    review: g.review ? { outcome: g.review.outcome, comment: g.review.comment, reviewer: g.review.reviewer, createdAt: g.review.createdAt.toISOString() } : null,
  };
}

export function requestView(r: RequestRow) {
  return {
    id: r.id,
    status: r.status,
    resource: r.entitlement.resource.slug,
    resourceName: r.entitlement.resource.name,
    role: r.entitlement.role,
    requester: r.requester,
    durationMinutes: r.durationMinutes,
    justification: r.justification,
    ticket: r.ticket,
    startAt: iso(r.startAt),
    autoApproved: r.autoApproved,
    breakGlass: r.breakGlass,
    extendsGrantId: r.extendsGrantId,
    createdAt: r.createdAt.toISOString(),
    expiresAt: r.expiresAt.toISOString(),
    decidedAt: iso(r.decidedAt),
    reviews: r.reviews.map((v) => ({ reviewer: v.reviewer, decision: v.decision, comment: v.comment, createdAt: v.createdAt.toISOString() })),
    /** Distinct approvals so far against what the policy asks (null: no policy, so it can never be approved). */
    approvals: r.entitlement.policy
      ? {
          approved: r.reviews.filter((v) => v.decision === 'approve' && !v.voidedAt).length,
          required: Math.max(1, r.entitlement.policy.requiredApprovals),
          approverGroups: r.entitlement.policy.approverGroups,
        }
      : null,
    grant: r.grant ? grantView(r.grant) : null,
  };
}

export type GrantView = ReturnType<typeof grantView>;
export type RequestView = ReturnType<typeof requestView>;
