import type { Entitlement, Policy, Resource } from '@/lib/db/generated/client';
import type { ResourceKindName } from '@/lib/domain/admin-input';

// What the admin services return: plain, JSON-safe shapes for pages (and a future REST API).

export interface PolicyView {
  eligibleGroups: string[];
  approverGroups: string[];
  requiredApprovals: number;
  maxDurationMinutes: number;
  justificationRequired: boolean;
  ticketRequired: boolean;
  ticketPattern: string | null;
  autoApproveGroups: string[];
  autoApproveMaxMinutes: number | null;
  pendingTtlMinutes: number;
  breakGlassAllowed: boolean;
}

export interface AdminEntitlementView {
  id: string;
  resourceId: string;
  role: string;
  description: string;
  settings: Record<string, unknown>;
  archivedAt: string | null;
  /** Grants scheduled, active or being revoked: while any exist the role cannot be archived. */
  liveGrants: number;
  policy: PolicyView | null;
}

export interface AdminResourceView {
  id: string;
  slug: string;
  name: string;
  description: string;
  kind: ResourceKindName;
  settings: Record<string, unknown>;
  archivedAt: string | null;
  updatedAt: string;
  entitlements: AdminEntitlementView[];
}

/** Advice that does not block the change ("group X has no members yet"). */
export interface WithWarnings {
  warnings: string[];
}

const iso = (d: Date | null) => (d ? d.toISOString() : null);
const asObject = (v: unknown): Record<string, unknown> => (v && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : {});

export function policyView(p: Policy): PolicyView {
  return {
    eligibleGroups: p.eligibleGroups,
    approverGroups: p.approverGroups,
    requiredApprovals: p.requiredApprovals,
    maxDurationMinutes: p.maxDurationMinutes,
    justificationRequired: p.justificationRequired,
    ticketRequired: p.ticketRequired,
    ticketPattern: p.ticketPattern,
    autoApproveGroups: p.autoApproveGroups,
    autoApproveMaxMinutes: p.autoApproveMaxMinutes,
    pendingTtlMinutes: p.pendingTtlMinutes,
    breakGlassAllowed: p.breakGlassAllowed,
  };
}

export function entitlementView(e: Entitlement & { policy: Policy | null }, liveGrants: number): AdminEntitlementView {
  return {
    id: e.id,
    resourceId: e.resourceId,
    role: e.role,
    description: e.description,
    settings: asObject(e.settings),
    archivedAt: iso(e.archivedAt),
    liveGrants,
    policy: e.policy ? policyView(e.policy) : null,
  };
}

export function resourceView(r: Resource & { entitlements: (Entitlement & { policy: Policy | null })[] }, liveByEntitlement: ReadonlyMap<string, number>): AdminResourceView {
  return {
    id: r.id,
    slug: r.slug,
    name: r.name,
    description: r.description,
    kind: r.kind,
    settings: asObject(r.settings),
    archivedAt: iso(r.archivedAt),
    updatedAt: r.updatedAt.toISOString(),
    entitlements: r.entitlements.map((e) => entitlementView(e, liveByEntitlement.get(e.id) ?? 0)),
  };
}
