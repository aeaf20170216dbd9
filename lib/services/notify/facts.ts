import type { Tx } from '@/lib/db/client';
import type { GrantFacts, RequestFacts } from '@/lib/notify/compose';

/** Loads what a message about these requests says, in the enqueuing transaction (one query for a batch). */
export async function requestFacts(tx: Tx, ids: readonly string[]): Promise<Map<string, RequestFacts & { requesterId: string; approverGroups: string[]; extendsGrantId: string | null; autoApproved: boolean; slackChannelEnv: string | null }>> {
  const rows = await tx.accessRequest.findMany({
    where: { id: { in: [...ids] } },
    include: { requester: { select: { name: true, email: true } }, entitlement: { include: { resource: { select: { slug: true } }, policy: { select: { approverGroups: true, slackChannelEnv: true } } } } },
  });
  return new Map(
    rows.map((r) => [
      r.id,
      {
        id: r.id,
        requesterId: r.requesterId,
        requester: r.requester,
        resource: r.entitlement.resource.slug,
        role: r.entitlement.role,
        durationMinutes: r.durationMinutes,
        justification: r.justification,
        ticket: r.ticket,
        extension: r.extendsGrantId !== null,
        extendsGrantId: r.extendsGrantId,
        autoApproved: r.autoApproved,
        approverGroups: r.entitlement.policy?.approverGroups ?? [],
        slackChannelEnv: r.entitlement.policy?.slackChannelEnv ?? null,
      },
    ]),
  );
}

export async function grantFacts(tx: Tx, ids: readonly string[]) {
  const rows = await tx.grant.findMany({
    where: { id: { in: [...ids] } },
    include: {
      user: { select: { name: true, email: true } },
      revokedBy: { select: { name: true, email: true } },
      entitlement: { include: { resource: { select: { slug: true } }, policy: { select: { approverGroups: true, slackChannelEnv: true } } } },
    },
  });
  return new Map(
    rows.map((g) => [
      g.id,
      {
        facts: { id: g.id, requestId: g.requestId, holder: g.user, resource: g.entitlement.resource.slug, role: g.entitlement.role, expiresAt: g.expiresAt } satisfies GrantFacts,
        userId: g.userId,
        approverGroups: g.entitlement.policy?.approverGroups ?? [],
        slackChannelEnv: g.entitlement.policy?.slackChannelEnv ?? null,
        revokedBy: g.revokedBy ? g.revokedBy.name || g.revokedBy.email : null,
        revokeReason: g.revokeReason,
        failureReason: g.failureReason,
      },
    ]),
  );
}

/** Enabled users in any of these groups, except one (the requester never approves their own request). */
export async function usersInGroups(tx: Tx, groups: readonly string[], except: string | null): Promise<Array<{ id: string }>> {
  if (groups.length === 0) return [];
  return tx.user.findMany({
    where: { disabledAt: null, ...(except ? { id: { not: except } } : {}), memberships: { some: { group: { name: { in: [...groups] } } } } },
    select: { id: true },
    orderBy: { email: 'asc' },
  });
}
