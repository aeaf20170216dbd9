import { actorFields } from '@/lib/audit/actor-fields';
import { appendAudit, appendAuditMany } from '@/lib/audit/append';
import type { Tx } from '@/lib/db/client';
import type { ActorContext, SystemContext } from '@/lib/domain/context';
import type { ServiceDeps } from '../deps';
import { afterCommitFor, runAfterCommit, type AfterCommit } from '../lifecycle/after-commit';
import { transitionGrants, transitionRequests } from '../lifecycle/transition';
import { lockUserRow } from '../row-lock';

export const USER_DISABLED = 'user_disabled';

export interface OffboardSummary {
  userId: string;
  /** false when the user was already disabled: nothing changed (a retried SCIM call is harmless). */
  disabled: boolean;
  requestsCancelled: number;
  approvalsVoided: number;
  tokensRevoked: number;
  grantsEnded: number;
}

/**
 * Disables a user and ends everything they hold, in the caller's transaction (DESIGN.md, "Identity
 * follows the directory"): the user row, their pending requests, their approvals on others' pending
 * requests, their API tokens and their browser sessions, and every live grant — scheduled ones are
 * revoked outright, provisioning and active ones move to `revoking` (reason user_disabled) for deprovisioning after
 * commit. Returns the after-commit work; the sweep re-drives it if the process dies before it runs.
 */
export async function offboardUserTx(tx: Tx, userId: string, by: ActorContext | SystemContext, via: 'portal' | 'scim', now: Date): Promise<{ summary: OffboardSummary; work: AfterCommit[] }> {
  const none = { userId, disabled: false, requestsCancelled: 0, approvalsVoided: 0, tokensRevoked: 0, grantsEnded: 0 };
  // The lock makes request and grant creation for this user (which take a share lock on the row) wait
  // for this transaction, and then see the user disabled: nothing live can slip in beside it.
  if (!(await lockUserRow(tx, userId))) return { summary: none, work: [] };
  const user = await tx.user.findUniqueOrThrow({ where: { id: userId }, select: { email: true, disabledAt: true } });
  if (user.disabledAt) return { summary: none, work: [] };
  await tx.user.update({ where: { id: userId }, data: { disabledAt: now, sessionVersion: { increment: 1 } } });

  const pending = await tx.accessRequest.findMany({ where: { requesterId: userId, status: 'pending' }, select: { id: true } });
  const cancelled = await transitionRequests(tx, pending.map((r) => r.id), {
    from: 'pending',
    to: 'cancelled',
    set: { decidedAt: now },
    by,
    action: 'request.cancelled',
    data: () => ({ comment: USER_DISABLED }),
  });

  // Their approvals stay as evidence, but a pending request no longer counts them.
  const voided = await tx.review.updateManyAndReturn({
    where: { reviewerId: userId, decision: 'approve', voidedAt: null, request: { status: 'pending' } },
    data: { voidedAt: now },
    select: { requestId: true, request: { select: { id: true, entitlementId: true, extendsGrantId: true, entitlement: { select: { resourceId: true } } } } },
  });
  await appendAuditMany(tx, voided.map((v) => ({
    ...actorFields(by),
    requestId: v.request.id,
    entitlementId: v.request.entitlementId,
    resourceId: v.request.entitlement.resourceId,
    ...(v.request.extendsGrantId ? { grantId: v.request.extendsGrantId } : {}),
    action: 'review.voided' as const,
    data: { reviewer: user.email, reason: USER_DISABLED } as const,
  })));

  const tokens = await tx.apiToken.updateManyAndReturn({ where: { userId, revokedAt: null }, data: { revokedAt: now }, select: { id: true, name: true, prefix: true } });
  await appendAuditMany(tx, tokens.map((t) => ({ ...actorFields(by), tokenId: t.id, action: 'token.revoked' as const, data: { tokenId: t.id, name: t.name, prefix: t.prefix, via: 'offboarding' } })));

  const ending = { revokeReason: USER_DISABLED, endReason: 'revoked' };
  const live = await tx.grant.findMany({ where: { userId, status: { in: ['scheduled', 'provisioning', 'active'] } }, select: { id: true, status: true } });
  const idsIn = (status: string) => live.filter((g) => g.status === status).map((g) => g.id);
  const neverStarted = await transitionGrants(tx, idsIn('scheduled'), {
    from: 'scheduled', to: 'revoked', set: { ...ending, endedAt: now }, by, action: 'grant.revoked', data: () => ({ reason: USER_DISABLED }),
  });
  // A grant being provisioned may already hold access in the target: it is removed like an active one
  // (the activation that finishes later sees it revoked and removes what it made).
  const revoking = [
    ...(await transitionGrants(tx, idsIn('provisioning'), {
      from: 'provisioning', to: 'revoking', set: { ...ending, nextAttemptAt: now }, by, action: 'grant.revoke_requested', data: () => ({ reason: USER_DISABLED }),
    })),
    ...(await transitionGrants(tx, idsIn('active'), {
      from: 'active', to: 'revoking', set: { ...ending, nextAttemptAt: now }, by, action: 'grant.revoke_requested', data: () => ({ reason: USER_DISABLED }),
    })),
  ];

  const counts = {
    requestsCancelled: cancelled.length,
    approvalsVoided: voided.length,
    tokensRevoked: tokens.length,
    grantsEnded: neverStarted.length + revoking.length,
  };
  await appendAudit(tx, { ...actorFields(by), action: 'user.disabled', data: { email: user.email, via, ...counts } });
  return { summary: { userId, disabled: true, ...counts }, work: revoking.map((g) => afterCommitFor(g, now)).filter((w): w is AfterCommit => w !== null) };
}

/** Offboarding in its own transaction, then deprovisioning at once (the sweep retries what fails). */
export async function offboardUser(deps: ServiceDeps, userId: string, by: ActorContext | SystemContext, via: 'portal' | 'scim'): Promise<OffboardSummary> {
  const now = deps.clock.now();
  const { summary, work } = await deps.db.$transaction((tx) => offboardUserTx(tx, userId, by, via, now));
  // Each grant's target is independent: deprovision them side by side, so the last one does not wait
  // for the slowest. A failure stays `revoking` and the sweep retries it with backoff.
  await Promise.all(work.map((item) => runAfterCommit(deps, by, [item])));
  return summary;
}
