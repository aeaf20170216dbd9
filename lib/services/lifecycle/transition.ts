import { actorFields } from '@/lib/audit/actor-fields';
import { appendAuditMany, type AuditInput } from '@/lib/audit/append';
import { grantEventIds, requestEventIds } from '@/lib/audit/event-ids';
import type { Tx } from '@/lib/db/client';
import type { Prisma } from '@/lib/db/generated/client';
import type { AuditAction, AuditEventData } from '@/lib/domain/audit-actions';
import type { ActorContext, SystemContext } from '@/lib/domain/context';
import { notifyGrantsMoved, notifyRequestsMoved } from '../notify/enqueue';
import { canTransition, canTransitionRequest, type GrantStatus, type RequestStatus } from '@/lib/domain/grant-status';

/**
 * The one way a grant's or a request's status changes. Each call:
 * 1. checks the move against the table in lib/domain/grant-status.ts (a move not in the table is a bug,
 *    thrown before anything is written);
 * 2. updates only the rows still in the `from` status (and matching `when`), so a concurrent or retried
 *    step changes nothing and finds no row;
 * 3. appends one audit event per moved row, in the caller's transaction;
 * 4. writes the notifications the move calls for to the outbox (lib/services/notify), in the same transaction.
 * It returns the rows that moved; the caller decides what an empty result means (a conflict, or nothing due).
 */

export class IllegalTransitionError extends Error {
  constructor(kind: 'grant' | 'request', from: string, to: string) {
    super(`A ${kind} cannot move from ${from} to ${to}.`);
    this.name = 'IllegalTransitionError';
  }
}

type Who = ActorContext | SystemContext;

interface Move<Status, Row, Set, Where, A extends AuditAction> {
  from: Status;
  to: Status;
  /** Other fields written with the status (who revoked, when it ended …). */
  set?: Set;
  /** Further conditions for the move: a start that has come, an end that was read before. */
  when?: Where;
  by: Who;
  action: A;
  data: (row: Row) => AuditEventData[A];
}

const grantReturn = {
  id: true,
  requestId: true,
  userId: true,
  entitlementId: true,
  status: true,
  startsAt: true,
  expiresAt: true,
  endReason: true,
  revokeAttempts: true,
  entitlement: { select: { resourceId: true } },
} satisfies Prisma.GrantSelectUpdateManyAndReturn;

const requestReturn = {
  id: true,
  requesterId: true,
  entitlementId: true,
  extendsGrantId: true,
  status: true,
  entitlement: { select: { resourceId: true } },
} satisfies Prisma.AccessRequestSelectUpdateManyAndReturn;

export type MovedGrant = Prisma.GrantGetPayload<{ select: typeof grantReturn }>;
export type MovedRequest = Prisma.AccessRequestGetPayload<{ select: typeof requestReturn }>;

export type GrantMove<A extends AuditAction> = Move<GrantStatus, MovedGrant, Prisma.GrantUncheckedUpdateManyInput, Prisma.GrantWhereInput, A>;
export type RequestMove<A extends AuditAction> = Move<RequestStatus, MovedRequest, Prisma.AccessRequestUncheckedUpdateManyInput, Prisma.AccessRequestWhereInput, A>;

function moveEvent<Row, A extends AuditAction>(move: { from: string; to: string; by: Who; action: A; data: (row: Row) => AuditEventData[A] }, row: Row, ids: object): AuditInput {
  return { ...actorFields(move.by), ...ids, action: move.action, statusFrom: move.from, statusTo: move.to, data: move.data(row) } as AuditInput;
}

export async function transitionGrants<A extends AuditAction>(tx: Tx, ids: readonly string[], move: GrantMove<A>): Promise<MovedGrant[]> {
  if (!canTransition(move.from, move.to)) throw new IllegalTransitionError('grant', move.from, move.to);
  if (ids.length === 0) return [];
  const rows = await tx.grant.updateManyAndReturn({
    where: { ...move.when, id: { in: [...ids] }, status: move.from },
    data: { ...move.set, status: move.to },
    select: grantReturn,
  });
  await appendAuditMany(tx, rows.map((row) => moveEvent(move, row, grantEventIds(row))));
  await notifyGrantsMoved(tx, rows, move);
  return rows;
}

export async function transitionGrant<A extends AuditAction>(tx: Tx, id: string, move: GrantMove<A>): Promise<MovedGrant | null> {
  return (await transitionGrants(tx, [id], move))[0] ?? null;
}

export async function transitionRequests<A extends AuditAction>(tx: Tx, ids: readonly string[], move: RequestMove<A>): Promise<MovedRequest[]> {
  if (!canTransitionRequest(move.from, move.to)) throw new IllegalTransitionError('request', move.from, move.to);
  if (ids.length === 0) return [];
  const rows = await tx.accessRequest.updateManyAndReturn({
    where: { ...move.when, id: { in: [...ids] }, status: move.from },
    data: { ...move.set, status: move.to },
    select: requestReturn,
  });
  await appendAuditMany(tx, rows.map((row) => moveEvent(move, row, requestEventIds(row))));
  await notifyRequestsMoved(tx, rows, move);
  return rows;
}

export async function transitionRequest<A extends AuditAction>(tx: Tx, id: string, move: RequestMove<A>): Promise<MovedRequest | null> {
  return (await transitionRequests(tx, [id], move))[0] ?? null;
}
