// How Timebox's users and groups look to a SCIM client (RFC 7643 §4).
export const USER_SCHEMA = 'urn:ietf:params:scim:schemas:core:2.0:User';
export const GROUP_SCHEMA = 'urn:ietf:params:scim:schemas:core:2.0:Group';
export const LIST_SCHEMA = 'urn:ietf:params:scim:api:messages:2.0:ListResponse';

export interface ScimUserRow {
  id: string;
  email: string;
  name: string;
  scimExternalId: string | null;
  disabledAt: Date | null;
  createdAt: Date;
  updatedAt: Date;
  memberships?: { group: { id: string; name: string } }[];
}

export interface ScimGroupRow {
  id: string;
  name: string;
  externalId: string | null;
  createdAt: Date;
  memberships: { user: { id: string; email: string } }[];
}

export function userResource(u: ScimUserRow, base: string) {
  return {
    schemas: [USER_SCHEMA],
    id: u.id,
    ...(u.scimExternalId ? { externalId: u.scimExternalId } : {}),
    userName: u.email,
    name: { formatted: u.name },
    displayName: u.name,
    emails: [{ value: u.email, type: 'work', primary: true }],
    active: u.disabledAt === null,
    groups: (u.memberships ?? []).map((m) => ({ value: m.group.id, display: m.group.name, $ref: `${base}/Groups/${m.group.id}` })),
    meta: { resourceType: 'User', created: u.createdAt.toISOString(), lastModified: u.updatedAt.toISOString(), location: `${base}/Users/${u.id}` },
  };
}

export function groupResource(g: ScimGroupRow, base: string, withMembers = true) {
  return {
    schemas: [GROUP_SCHEMA],
    id: g.id,
    ...(g.externalId ? { externalId: g.externalId } : {}),
    displayName: g.name,
    ...(withMembers ? { members: g.memberships.map((m) => ({ value: m.user.id, display: m.user.email, $ref: `${base}/Users/${m.user.id}` })) } : {}),
    meta: { resourceType: 'Group', created: g.createdAt.toISOString(), lastModified: g.createdAt.toISOString(), location: `${base}/Groups/${g.id}` },
  };
}

export function listResponse<T>(resources: T[], total: number, startIndex: number) {
  return { schemas: [LIST_SCHEMA], totalResults: total, startIndex, itemsPerPage: resources.length, Resources: resources };
}
