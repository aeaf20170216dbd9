import { actorFields } from '@/lib/audit/actor-fields';
import { appendAudit } from '@/lib/audit/append';
import type { Tx } from '@/lib/db/client';
import type { AccessRequest } from '@/lib/db/generated/client';
import { minutes } from '@/lib/domain/clock';
import type { ActorContext } from '@/lib/domain/context';
import { AppError } from '@/lib/errors';
import { afterCommitFor, type AfterCommit } from './after-commit';
import { createGrant } from './create';
import { grantEventIds } from '@/lib/audit/event-ids';

/**
 * What an approved request turns into, inside the approving transaction — whoever approved it (approvers
 * or an auto-approval rule): a new scheduled grant, or, for an extension, a later end on the grant it
 * extends. Returns what must happen in the target after commit.
 */
export async function fulfilRequest(tx: Tx, by: ActorContext, request: AccessRequest, now: Date): Promise<AfterCommit | null> {
  if (request.extendsGrantId) {
    const grant = await tx.grant.findUniqueOrThrow({ where: { id: request.extendsGrantId }, include: { entitlement: { select: { resourceId: true } } } });
    const expiresAt = new Date(grant.expiresAt.getTime() + minutes(request.durationMinutes));
    // Conditional on the end we read: a concurrent extension or ending makes this one a conflict, not a double.
    const { count } = await tx.grant.updateMany({ where: { id: grant.id, status: { in: ['scheduled', 'provisioning', 'active'] }, expiresAt: grant.expiresAt }, data: { expiresAt } });
    if (count === 0) throw new AppError('conflict', 'The grant this request extends has ended or changed.');
    await appendAudit(tx, {
      ...actorFields(by),
      ...grantEventIds(grant),
      requestId: request.id,
      action: 'grant.extended',
      data: { byMinutes: request.durationMinutes, from: grant.expiresAt.toISOString(), to: expiresAt.toISOString() },
    });
    return afterCommitFor(grant, now, 'extended');
  }
  const startsAt = request.startAt && request.startAt > now ? request.startAt : now;
  const grant = await createGrant(tx, by, {
    requestId: request.id,
    userId: request.requesterId,
    entitlementId: request.entitlementId,
    startsAt,
    expiresAt: new Date(startsAt.getTime() + minutes(request.durationMinutes)),
    needsReview: request.breakGlass,
  });
  return afterCommitFor(grant, now);
}
