import type { ActorContext } from './context';
import { allScopes, type TokenScope } from './scopes';

// One vocabulary of rights (dub's lib/api/rbac/permissions.ts is the model): portal roles map onto
// permissions, token scopes map onto the same permissions, and `can` / `authorize` are the one check.
// A token only ever narrows its user: what a call may do is the user's permissions ∩ the token's.
// Unknown roles, scopes or permissions grant nothing (fail closed).

export type PortalRole = 'member' | 'auditor' | 'admin';

export const permissionDescriptions = {
  'requests.create': 'submit and withdraw your own access requests',
  'requests.read': 'read your requests and those you may decide',
  'requests.read_all': 'read everyone’s requests',
  'approvals.read': 'list the requests waiting for your decision',
  'approvals.decide': 'approve or deny requests where the policy makes you an approver',
  'inbox.view': 'have an approver’s inbox in the portal',
  'grants.read': 'read your grants',
  'grants.read_all': 'read everyone’s grants',
  'grants.manage': 'extend and revoke your grants, and fetch their credentials',
  'grants.revoke_any': 'revoke anyone’s grant',
  'access.check': 'ask whether you hold a role right now',
  'access.check_any': 'ask whether anyone holds a role right now (for target systems)',
  'audit.read': 'read and export the audit trail',
  'activity.report': 'write what a principal did on a target into the trail',
  'portal.admin': 'manage resources, roles, policies and reconciliation',
  'requests.delegate': 'submit access requests on behalf of other users',
} as const;

export type Permission = keyof typeof permissionDescriptions;

/** How a refusal reads where the plain "Your account may not …" says too little. */
const roleRefusals: Partial<Record<Permission, string>> = {
  'audit.read': 'Only auditors and admins can read the audit trail.',
  'activity.report': 'Only admins can report activity.',
  'portal.admin': 'Only Timebox administrators can manage resources, roles, policies and reconciliation.',
  'access.check_any': 'Only a token with the "check_any" scope, given by an admin, can check someone else’s access.',
  'requests.delegate': 'Only admins can submit requests on behalf of other users.',
};

const memberPermissions: readonly Permission[] = ['requests.create', 'requests.read', 'approvals.read', 'approvals.decide', 'grants.read', 'grants.manage', 'access.check'];
const auditorPermissions: readonly Permission[] = [...memberPermissions, 'requests.read_all', 'grants.read_all', 'audit.read'];

export const permissionsByRole: Readonly<Record<PortalRole, readonly Permission[]>> = {
  member: memberPermissions,
  auditor: auditorPermissions,
  // Checking others reveals who holds what right now, with the grant id: a target system's service account
  // needs it, a colleague does not. Only admins hold it, so only admins can put it on a token.
  admin: [...auditorPermissions, 'grants.revoke_any', 'activity.report', 'portal.admin', 'access.check_any', 'requests.delegate'],
};

/** Being in an approver group of a live policy is a role of its own: it brings the inbox. */
const approverPermissions: readonly Permission[] = ['inbox.view'];

/** What each token scope lets a token do (still only within its user's permissions). No scope reaches portal.admin or inbox.view. */
export const permissionsByScope: Readonly<Record<TokenScope, readonly Permission[]>> = {
  requests: ['requests.create', 'requests.read', 'requests.read_all'],
  approvals: ['approvals.read', 'approvals.decide'],
  grants: ['grants.read', 'grants.read_all', 'grants.manage', 'grants.revoke_any'],
  check: ['access.check'],
  check_any: ['access.check_any'],
  audit: ['audit.read'],
  activity: ['activity.report'],
  // The request is the other user's; the token still needs `requests` to create one at all.
  'requests:delegate': ['requests.delegate'],
};

export interface Actor {
  id: string;
  email: string;
  name: string;
  role: PortalRole;
  groups: string[];
  /** Member of a group that approves at least one live policy. */
  isApprover: boolean;
}

type Subject = Pick<Actor, 'role' | 'isApprover'>;

/** What the person may do, whatever they act through. */
export function permissionsOf(actor: Subject): Set<Permission> {
  const fromRole = Object.hasOwn(permissionsByRole, actor.role) ? permissionsByRole[actor.role] : [];
  return new Set<Permission>([...fromRole, ...(actor.isApprover ? approverPermissions : [])]);
}

const scopesGranting = (permission: Permission) => allScopes.filter((s) => permissionsByScope[s].includes(permission));

/** The one check: a person in a browser session, or a call in an actor context (narrowed by its token's scopes). */
export function can(subject: Subject | Pick<ActorContext, 'actor' | 'token'>, permission: Permission): boolean {
  const ctx = 'actor' in subject ? subject : { actor: subject, token: undefined };
  return permissionsOf(ctx.actor).has(permission) && tokenAllows(ctx.token, permission);
}

const tokenAllows = (token: ActorContext['token'], permission: Permission) =>
  !token || token.scopes.some((scope) => Object.hasOwn(permissionsByScope, scope) && permissionsByScope[scope].includes(permission));

/**
 * Why a check fails, in words for the caller, or null when it passes. The token is looked at first,
 * so a token call learns which scope it needs before anything about the person behind it.
 */
export function whyNot(ctx: Pick<ActorContext, 'actor' | 'token'>, permission: Permission): { reason: 'scope' | 'role'; message: string } | null {
  if (!tokenAllows(ctx.token, permission)) {
    const scope = scopesGranting(permission)[0];
    return { reason: 'scope', message: scope ? `This token lacks the "${scope}" scope.` : 'This cannot be done with an API token.' };
  }
  if (!permissionsOf(ctx.actor).has(permission)) return { reason: 'role', message: roleRefusals[permission] ?? `Your account may not ${permissionDescriptions[permission]}.` };
  return null;
}

/**
 * Which scopes a person may put on a token: those that carry at least one permission they hold.
 * (So `audit` is for auditors and admins, `activity` for admins: a member's token cannot even ask.)
 */
export function grantableScopes(actor: Subject): TokenScope[] {
  const held = permissionsOf(actor);
  return allScopes.filter((scope) => permissionsByScope[scope].some((p) => held.has(p)));
}
