import { actorFields } from '@/lib/audit/actor-fields';
import { appendAudit } from '@/lib/audit/append';
import { envSchema } from '@/lib/config/env';
import type { Tx } from '@/lib/db/client';
import type { SystemContext } from '@/lib/domain/context';
import { nextRole, rolesFollowIdp, type IdpRoleSettings } from '@/lib/domain/idp-roles';
import { eligibilityLostWith } from '@/lib/domain/policy';
import { afterCommitFor, type AfterCommit } from '../lifecycle/after-commit';
import { transitionGrants } from '../lifecycle/transition';
import { lockUserRow } from '../row-lock';

// What the IdP's groups decide beyond eligibility, re-evaluated whenever they change (OIDC sign-in, SCIM
// user and group updates): the portal role (TIMEBOX_ADMIN_GROUPS, TIMEBOX_AUDITOR_GROUPS,
// TIMEBOX_ROLES_FROM_IDP) and, with TIMEBOX_REVOKE_ON_GROUP_LOSS, the end of grants a lost group carried.

export const GROUP_REMOVED = 'group_removed';

export interface IdpSettings extends IdpRoleSettings {
  revokeOnGroupLoss: boolean;
}

const schema = envSchema.pick({ TIMEBOX_ADMIN_GROUPS: true, TIMEBOX_AUDITOR_GROUPS: true, TIMEBOX_ROLES_FROM_IDP: true, TIMEBOX_REVOKE_ON_GROUP_LOSS: true });

/** Read on each call, and only these variables (a service must not fail over an unrelated one). */
export function idpSettings(env: Record<string, string | undefined> = process.env): IdpSettings {
  const parsed = schema.parse(env);
  return {
    adminGroups: parsed.TIMEBOX_ADMIN_GROUPS,
    auditorGroups: parsed.TIMEBOX_AUDITOR_GROUPS,
    // parseConfig refuses the IdP deciding with no admin group at start-up; never demote everyone here either.
    idpDecides: parsed.TIMEBOX_ROLES_FROM_IDP && parsed.TIMEBOX_ADMIN_GROUPS.length > 0,
    revokeOnGroupLoss: parsed.TIMEBOX_REVOKE_ON_GROUP_LOSS,
  };
}

/** Whether a change of IdP groups can matter at all (so bulk SCIM updates cost nothing when it cannot). */
export const idpGroupsMatter = (settings: IdpSettings) => rolesFollowIdp(settings) || settings.revokeOnGroupLoss;

export interface GroupChange {
  /** Names of the groups the user just lost (removed from, or the group renamed or deleted). */
  lost: readonly string[];
  via: 'oidc' | 'scim';
  now: Date;
}

/**
 * Applies what the user's current groups say, in the caller's transaction (after the membership change):
 * the role (audited as `user.role_changed`), and the grants eligible only through a lost group, which end
 * like any revocation (scheduled → revoked; provisioning or active → revoking, reason group_removed).
 * Returns the deprovisioning to run after commit; the sweep re-drives it if that never happens.
 */
export async function followIdpGroupsTx(tx: Tx, userId: string, change: GroupChange, settings: IdpSettings = idpSettings()): Promise<AfterCommit[]> {
  const mayEnd = settings.revokeOnGroupLoss && change.lost.length > 0;
  if (!rolesFollowIdp(settings) && !mayEnd) return [];
  const by: SystemContext = { system: change.via };
  // Serialises with request and grant creation for this user (they take a share lock on the row).
  if (!(await lockUserRow(tx, userId))) return [];
  const user = await tx.user.findUniqueOrThrow({
    where: { id: userId },
    select: { email: true, role: true, roleFromIdp: true, memberships: { select: { group: { select: { name: true, source: true } } } } },
  });
  const groups = user.memberships.map((m) => m.group);

  const role = nextRole({ role: user.role, fromIdp: user.roleFromIdp }, groups.filter((g) => g.source !== 'local').map((g) => g.name), settings);
  if (role) {
    await tx.user.update({ where: { id: userId }, data: { role: role.role, roleFromIdp: role.fromIdp } });
    if (role.role !== user.role) {
      await appendAudit(tx, { ...actorFields(by), action: 'user.role_changed', data: { email: user.email, from: user.role, to: role.role, via: change.via, idpDecides: settings.idpDecides } });
    }
  }

  if (!mayEnd) return [];
  const remaining = groups.map((g) => g.name);
  const live = await tx.grant.findMany({
    where: { userId, status: { in: ['scheduled', 'provisioning', 'active'] } },
    select: { id: true, status: true, entitlement: { select: { policy: { select: { eligibleGroups: true } } } } },
  });
  const ending = live.filter((g) => g.entitlement.policy && eligibilityLostWith(g.entitlement.policy.eligibleGroups, change.lost, remaining));
  const idsIn = (status: string) => ending.filter((g) => g.status === status).map((g) => g.id);
  const set = { revokeReason: GROUP_REMOVED, endReason: 'revoked' };
  await transitionGrants(tx, idsIn('scheduled'), { from: 'scheduled', to: 'revoked', set: { ...set, endedAt: change.now }, by, action: 'grant.revoked', data: () => ({ reason: GROUP_REMOVED }) });
  const revoking = [
    ...(await transitionGrants(tx, idsIn('provisioning'), { from: 'provisioning', to: 'revoking', set: { ...set, nextAttemptAt: change.now }, by, action: 'grant.revoke_requested', data: () => ({ reason: GROUP_REMOVED }) })),
    ...(await transitionGrants(tx, idsIn('active'), { from: 'active', to: 'revoking', set: { ...set, nextAttemptAt: change.now }, by, action: 'grant.revoke_requested', data: () => ({ reason: GROUP_REMOVED }) })),
  ];
  return revoking.map((g) => afterCommitFor(g, change.now)).filter((w): w is AfterCommit => w !== null);
}
