// Portal roles from IdP groups (TIMEBOX_ADMIN_GROUPS, TIMEBOX_AUDITOR_GROUPS). Pure rules, no I/O.

export type PortalRole = 'member' | 'auditor' | 'admin';

export interface IdpRoleSettings {
  adminGroups: readonly string[];
  auditorGroups: readonly string[];
  /** TIMEBOX_ROLES_FROM_IDP: the IdP decides every role, grant and removal; otherwise a hand-set role is kept. */
  idpDecides: boolean;
}

const rank: Record<PortalRole, number> = { member: 0, auditor: 1, admin: 2 };

/** Whether roles follow the IdP at all: with no group named, the IdP says nothing about roles. */
export const rolesFollowIdp = (settings: IdpRoleSettings) => settings.adminGroups.length > 0 || settings.auditorGroups.length > 0;

/** The role the IdP's groups give: admin before auditor before member. */
export function roleFromGroups(groups: readonly string[], settings: IdpRoleSettings): PortalRole {
  if (groups.some((g) => settings.adminGroups.includes(g))) return 'admin';
  if (groups.some((g) => settings.auditorGroups.includes(g))) return 'auditor';
  return 'member';
}

/**
 * The user's next role, or null when it stays. Without `idpDecides` the IdP may raise a role, and may take
 * back only what it gave (`fromIdp`): a role given by hand is never lowered. A role the IdP raised is the
 * IdP's from then on (it falls to what the groups say when they change).
 */
export function nextRole(current: { role: PortalRole; fromIdp: boolean }, groups: readonly string[], settings: IdpRoleSettings): { role: PortalRole; fromIdp: boolean } | null {
  if (!rolesFollowIdp(settings)) return null;
  const byGroups = roleFromGroups(groups, settings);
  const mayChange = settings.idpDecides || rank[byGroups] > rank[current.role] || current.fromIdp;
  // `member` is nobody's grant: a member is never "the IdP's", so a later hand-given role is kept.
  const next = { role: byGroups, fromIdp: byGroups !== 'member' };
  return !mayChange || (next.role === current.role && next.fromIdp === current.fromIdp) ? null : next;
}
