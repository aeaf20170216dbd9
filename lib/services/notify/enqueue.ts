import type { Tx } from '@/lib/db/client';
import type { ActorContext, SystemContext } from '@/lib/domain/context';
import type { GrantStatus, RequestStatus } from '@/lib/domain/grant-status';
import { type RequestFacts, breakGlassStarted, decided, grantActive, grantEnded, needsApproval, partlyApproved, revocationFailing } from '@/lib/notify/compose';
import { notifySettings, type NotifySettings } from '@/lib/notify/settings';
import { grantFacts, requestFacts, usersInGroups } from './facts';
import { type OutboxItem, writeOutbox, writeOutboxMany } from './write-outbox';

/**
 * The one place that decides who is told what about a status change. lifecycle/create.ts and
 * lifecycle/transition.ts call it for every request and grant they create or move, and the decide path
 * for a partial approval — inside their transaction, so a rolled-back change never sends anything.
 */

type Who = ActorContext | SystemContext;
const label = (by: Who) => ('system' in by ? 'Timebox' : by.actor.name || by.actor.email);

export async function notifyRequestCreated(tx: Tx, requestId: string): Promise<void> {
  const settings = notifySettings();
  const r = (await requestFacts(tx, [requestId])).get(requestId);
  if (!r) return;
  const approvers = await usersInGroups(tx, r.approverGroups, r.requesterId);
  await writeOutbox(tx, needsApproval(r), { recipients: approvers, requestId, slackChannelEnv: r.slackChannelEnv }, settings);
}

export async function notifyRequestsMoved(tx: Tx, rows: ReadonlyArray<{ id: string; extendsGrantId: string | null }>, move: { to: RequestStatus; by: Who; action: string }): Promise<void> {
  const settings = notifySettings();
  if (rows.length === 0) return;
  const ids = rows.map((r) => r.id);
  // Once decided, "approve?" is moot: messages not yet delivered are dropped. One already tried in Slack gets a follow-up.
  const announced = await tx.notification.findMany({ where: { requestId: { in: ids }, kind: 'request_needs_approval', channel: 'slack', attempts: { gt: 0 } }, select: { requestId: true, slackChannelEnv: true } });
  await tx.notification.updateMany({ where: { requestId: { in: ids }, kind: 'request_needs_approval', status: 'pending' }, data: { status: 'skipped', lastError: `request ${move.to} before delivery` } });
  if (move.to === 'pending') return;

  // An approved request's message names its grant: createGrant, later in this transaction, writes it. So of
  // approvals only extensions (their grant exists) are told here, and only theirs need the facts read.
  const told = move.to === 'approved' ? rows.filter((row) => row.extendsGrantId !== null).map((row) => row.id) : ids;
  if (told.length === 0) return;
  const facts = await requestFacts(tx, told);
  for (const id of told) {
    const r = facts.get(id);
    if (!r) continue;
    const followUp = announced.find((a) => a.requestId === id) ?? null;
    await writeDecision(tx, r, move.to, move.by, r.extendsGrantId, followUp, settings);
  }
}

/** The approval message, once the grant it links to exists (lifecycle/create.ts). */
export async function notifyGrantCreated(tx: Tx, grant: { id: string; requestId: string }, by: Who): Promise<void> {
  const settings = notifySettings();
  const r = (await requestFacts(tx, [grant.requestId])).get(grant.requestId);
  if (!r) return;
  const announced = await tx.notification.findFirst({ where: { requestId: r.id, kind: 'request_needs_approval', channel: 'slack', attempts: { gt: 0 } }, select: { slackChannelEnv: true } });
  await writeDecision(tx, r, 'approved', by, grant.id, announced, settings);
}

/** `followUp`: the request's "approve?" Slack message, if one went out: the decision follows it into that same channel. */
async function writeDecision(tx: Tx, r: RequestFacts & { id: string; requesterId: string; autoApproved: boolean }, outcome: RequestStatus, by: Who, grantId: string | null, followUp: { slackChannelEnv: string | null } | null, settings: NotifySettings) {
  if (outcome === 'pending') return;
  const comments = await tx.review.findMany({ where: { requestId: r.id, comment: { not: null } }, select: { comment: true }, orderBy: { createdAt: 'asc' } });
  const message = decided(r, outcome, label(by), comments.map((c) => c.comment!), grantId);
  // The requester knows what they did themselves (withdrew it, or submitted one approved by rule).
  const toRequester = outcome !== 'cancelled' && !r.autoApproved;
  await writeOutbox(tx, message, { recipients: toRequester ? [{ id: r.requesterId }] : [], requestId: r.id, slack: followUp ? 'always' : 'never', slackChannelEnv: followUp?.slackChannelEnv ?? null }, settings);
}

export async function notifyPartialApproval(tx: Tx, requestId: string, approvals: number, required: number, by: ActorContext): Promise<void> {
  const settings = notifySettings();
  const r = (await requestFacts(tx, [requestId])).get(requestId);
  if (!r) return;
  await writeOutbox(tx, partlyApproved(r, approvals, required, label(by)), { recipients: [{ id: r.requesterId }], requestId }, settings);
}

export async function notifyGrantsMoved(tx: Tx, rows: ReadonlyArray<{ id: string; requestId: string }>, move: { to: GrantStatus }): Promise<void> {
  const settings = notifySettings();
  if (rows.length === 0) return;
  if (!['active', 'expired', 'revoked', 'failed'].includes(move.to)) return;
  const facts = await grantFacts(tx, rows.map((r) => r.id));
  const items = rows.flatMap((row): OutboxItem[] => {
    const g = facts.get(row.id);
    if (!g) return [];
    const message =
      move.to === 'active'
        ? grantActive(g.facts)
        : grantEnded(g.facts, move.to as 'expired' | 'revoked' | 'failed', move.to === 'revoked' ? g.revokedBy : null, move.to === 'failed' ? g.failureReason : move.to === 'revoked' ? g.revokeReason : null);
    return [{ message, target: { recipients: [{ id: g.userId }], requestId: row.requestId, grantId: row.id } }];
  });
  await writeOutboxMany(tx, items, settings);
}

/** Revocation keeps failing: every admin is told once (the caller calls this on the alerting attempt). */
export async function notifyRevocationFailing(tx: Tx, grantId: string, attempts: number, lastError: string): Promise<void> {
  const settings = notifySettings();
  const g = (await grantFacts(tx, [grantId])).get(grantId);
  if (!g) return;
  const admins = await tx.user.findMany({ where: { role: 'admin', disabledAt: null }, select: { id: true } });
  await writeOutbox(tx, revocationFailing(g.facts, attempts, lastError), { recipients: admins, requestId: g.facts.requestId, grantId, dedupeKey: `revocation_failing:${grantId}`, slackChannelEnv: g.slackChannelEnv }, settings);
}

/**
 * For the break-glass flow (built separately): call in the transaction that starts the grant. Tells the
 * policy's approvers and every auditor, marked urgent; the holder is left out (they started it).
 */
export async function enqueueBreakGlassNotification(tx: Tx, grant: { id: string }, justification: string): Promise<void> {
  const settings = notifySettings();
  const g = (await grantFacts(tx, [grant.id])).get(grant.id);
  if (!g) return;
  const approvers = await usersInGroups(tx, g.approverGroups, g.userId);
  const auditors = await tx.user.findMany({ where: { role: 'auditor', disabledAt: null, id: { not: g.userId } }, select: { id: true } });
  const recipients = [...new Map([...approvers, ...auditors].map((u) => [u.id, u])).values()];
  await writeOutbox(tx, breakGlassStarted(g.facts, justification), { recipients, requestId: g.facts.requestId, grantId: grant.id, slackChannelEnv: g.slackChannelEnv }, settings);
}
