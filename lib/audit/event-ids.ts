// The ids an audit event about a grant or a request carries, so its timeline and the filters find it.

/** A grant's own id, its request's, its role's and its resource's. */
export const grantEventIds = (g: { id: string; requestId: string; entitlementId: string; entitlement: { resourceId: string } }) => ({
  grantId: g.id,
  requestId: g.requestId,
  entitlementId: g.entitlementId,
  resourceId: g.entitlement.resourceId,
});

/** An extension's events also name the grant it extends, so they show on that grant's timeline. */
export const requestEventIds = (r: { id: string; entitlementId: string; extendsGrantId: string | null; entitlement: { resourceId: string } }) => ({
  requestId: r.id,
  entitlementId: r.entitlementId,
  resourceId: r.entitlement.resourceId,
  ...(r.extendsGrantId ? { grantId: r.extendsGrantId } : {}),
});
