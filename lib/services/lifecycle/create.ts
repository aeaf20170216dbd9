import { actorFields } from '@/lib/audit/actor-fields';
import { appendAudit } from '@/lib/audit/append';
import type { Tx } from '@/lib/db/client';
import type { Prisma } from '@/lib/db/generated/client';
import type { AuditEventData } from '@/lib/domain/audit-actions';
import type { ActorContext } from '@/lib/domain/context';
import { initialGrantStatus, initialRequestStatus } from '@/lib/domain/grant-status';
import { grantEventIds, requestEventIds } from '@/lib/audit/event-ids';
import { AppError } from '@/lib/errors';
import { notifyGrantCreated, notifyRequestCreated } from '../notify/enqueue';
import { shareLockEnabledUser } from '../row-lock';

/** A request or grant is only ever born for an enabled user; an offboarding in flight is waited for. */
async function requireEnabledUser(tx: Tx, userId: string): Promise<void> {
  if (!(await shareLockEnabledUser(tx, userId))) throw new AppError('conflict', 'This user is disabled: they can no longer be given access.');
}

/** Where requests and grants are born: always in their machine's first status, always with their event and notifications. */

type NewRequest = Omit<Prisma.AccessRequestUncheckedCreateInput, 'status' | 'id' | 'decidedAt' | 'autoApproved'>;

export async function createRequest(tx: Tx, by: ActorContext, data: NewRequest, event: AuditEventData['request.created']) {
  await requireEnabledUser(tx, data.requesterId);
  const request = await tx.accessRequest.create({ data: { ...data, status: initialRequestStatus }, include: { entitlement: true } });
  await appendAudit(tx, { ...actorFields(by), ...requestEventIds(request), action: 'request.created', statusTo: initialRequestStatus, data: event });
  await notifyRequestCreated(tx, request.id);
  return request;
}

// needsReview: a break-glass grant is born waiting for its after-the-fact review.
type NewGrant = Pick<Prisma.GrantUncheckedCreateInput, 'requestId' | 'userId' | 'entitlementId' | 'startsAt' | 'expiresAt' | 'needsReview'>;

export async function createGrant(tx: Tx, by: ActorContext, data: NewGrant & { startsAt: Date; expiresAt: Date }) {
  await requireEnabledUser(tx, data.userId);
  const grant = await tx.grant.create({ data: { ...data, status: initialGrantStatus }, include: { entitlement: { select: { resourceId: true } } } });
  await appendAudit(tx, {
    ...actorFields(by),
    ...grantEventIds(grant),
    action: 'grant.created',
    statusTo: initialGrantStatus,
    // Marked in the trail (and so in exports) from its first event: this grant was taken without approval.
    data: { startsAt: data.startsAt.toISOString(), expiresAt: data.expiresAt.toISOString(), ...(data.needsReview ? { breakGlass: true as const } : {}) },
  });
  await notifyGrantCreated(tx, grant, by);
  return grant;
}
