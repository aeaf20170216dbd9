import { actorFields } from '@/lib/audit/actor-fields';
import { appendAudit } from '@/lib/audit/append';
import type { Tx } from '@/lib/db/client';
import type { Prisma } from '@/lib/db/generated/client';
import type { AuditEventData } from '@/lib/domain/audit-actions';
import type { ActorContext } from '@/lib/domain/context';
import { initialGrantStatus, initialRequestStatus } from '@/lib/domain/grant-status';
import { grantEventIds, requestEventIds } from '@/lib/audit/event-ids';
import { notifyGrantCreated, notifyRequestCreated } from '../notify/enqueue';

/** Where requests and grants are born: always in their machine's first status, always with their event and notifications. */

type NewRequest = Omit<Prisma.AccessRequestUncheckedCreateInput, 'status' | 'id' | 'decidedAt' | 'autoApproved'>;

export async function createRequest(tx: Tx, by: ActorContext, data: NewRequest, event: AuditEventData['request.created']) {
  const request = await tx.accessRequest.create({ data: { ...data, status: initialRequestStatus }, include: { entitlement: true } });
  await appendAudit(tx, { ...actorFields(by), ...requestEventIds(request), action: 'request.created', statusTo: initialRequestStatus, data: event });
  await notifyRequestCreated(tx, request.id);
  return request;
}

type NewGrant = Pick<Prisma.GrantUncheckedCreateInput, 'requestId' | 'userId' | 'entitlementId' | 'startsAt' | 'expiresAt'>;

export async function createGrant(tx: Tx, by: ActorContext, data: NewGrant & { startsAt: Date; expiresAt: Date }) {
  const grant = await tx.grant.create({ data: { ...data, status: initialGrantStatus }, include: { entitlement: { select: { resourceId: true } } } });
  await appendAudit(tx, {
    ...actorFields(by),
    ...grantEventIds(grant),
    action: 'grant.created',
    statusTo: initialGrantStatus,
    data: { startsAt: data.startsAt.toISOString(), expiresAt: data.expiresAt.toISOString() },
  });
  await notifyGrantCreated(tx, grant, by);
  return grant;
}
