import { actorFields } from '@/lib/audit/actor-fields';
import { appendAudit } from '@/lib/audit/append';
import type { Tx } from '@/lib/db/client';
import type { AccessRequest, Entitlement } from '@/lib/db/generated/client';
import { minutes } from '@/lib/domain/clock';
import type { ActorContext } from '@/lib/domain/context';
import { AppError } from '@/lib/errors';

/**
 * What an approved request turns into, inside the approving transaction: a new scheduled grant,
 * or — for an extension — a later end on the grant it extends. Says what the caller must do after commit.
 */
export type Fulfilment = { grantId: string; next: 'activate' | 'wait-for-start' | 'reapply-end' };

export async function fulfilRequest(tx: Tx, ctx: ActorContext, request: AccessRequest & { entitlement: Entitlement }, now: Date): Promise<Fulfilment> {
  const ids = { requestId: request.id, entitlementId: request.entitlementId, resourceId: request.entitlement.resourceId };
  if (request.extendsGrantId) {
    const grant = await tx.grant.findUniqueOrThrow({ where: { id: request.extendsGrantId } });
    const expiresAt = new Date(grant.expiresAt.getTime() + minutes(request.durationMinutes));
    // Conditional on the end we read: a concurrent extension or ending makes this one a conflict, not a double.
    const { count } = await tx.grant.updateMany({ where: { id: grant.id, status: { in: ['scheduled', 'active'] }, expiresAt: grant.expiresAt }, data: { expiresAt } });
    if (count === 0) throw new AppError('conflict', 'The grant this request extends has ended or changed.');
    await appendAudit(tx, {
      ...actorFields(ctx),
      ...ids,
      grantId: grant.id,
      action: 'grant.extended',
      data: { byMinutes: request.durationMinutes, from: grant.expiresAt.toISOString(), to: expiresAt.toISOString() },
    });
    return { grantId: grant.id, next: 'reapply-end' };
  }
  const startsAt = request.startAt && request.startAt > now ? request.startAt : now;
  const grant = await tx.grant.create({
    data: { requestId: request.id, userId: request.requesterId, entitlementId: request.entitlementId, status: 'scheduled', startsAt, expiresAt: new Date(startsAt.getTime() + minutes(request.durationMinutes)) },
  });
  await appendAudit(tx, { ...actorFields(ctx), ...ids, grantId: grant.id, action: 'grant.created', statusTo: 'scheduled', data: { startsAt: startsAt.toISOString(), expiresAt: grant.expiresAt.toISOString() } });
  return { grantId: grant.id, next: startsAt <= now ? 'activate' : 'wait-for-start' };
}
