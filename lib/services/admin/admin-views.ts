import type { Entitlement, Policy, Resource } from '@/lib/db/generated/client';
import type { PolicyInput, ResourceKindName } from '@/lib/domain/admin-input';
import { policyData } from './policy-data';

// What the admin services return: plain, JSON-safe shapes for pages (and a future REST API).

/** A policy as admins see and set it: every field, break-glass included. */
export type PolicyView = PolicyInput;

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
  return policyData(p);
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
