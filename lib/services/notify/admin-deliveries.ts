import { z } from 'zod';
import { actorFields } from '@/lib/audit/actor-fields';
import { appendAudit } from '@/lib/audit/append';
import type { Prisma } from '@/lib/db/generated/client';
import type { ActorContext } from '@/lib/domain/context';
import { AppError } from '@/lib/errors';
import { notificationStatuses, type NotificationStatus } from '@/lib/notify/kinds';
import type { NotificationMessage } from '@/lib/notify/message';
import { authorize } from '../authorize';
import type { ServiceDeps } from '../deps';

export interface DeliveryView {
  id: string;
  kind: string;
  channel: string;
  status: NotificationStatus;
  /** Who it is for (e-mail), or the channel it goes to: "team channel", or the policy's channel variable. */
  to: string;
  subject: string;
  attempts: number;
  lastError: string | null;
  createdAt: string;
  sentAt: string | null;
  nextAttemptAt: string | null;
}

export const deliveryFilterInput = z.object({ status: z.enum(notificationStatuses, { message: `Choose one of: ${notificationStatuses.join(', ')}` }).optional() }).strict();
export const resendInput = z.object({ notificationId: z.uuid({ message: 'must be a notification id' }) }).strict();

/**
 * Errors are stored as the senders wrote them (they name hosts, never webhook paths or passwords); a
 * URL with credentials in some library's message is still cut down to its host before an admin sees it.
 */
const withoutCredentials = (error: string | null) => error?.replace(/([a-z][a-z0-9+.-]*:\/\/)[^\s/@]+@/gi, '$1…@') ?? null;

/** The latest deliveries (e-mail, Slack, webhook; the bell is not a delivery), newest first, for admins. */
export async function listDeliveries(deps: ServiceDeps, ctx: ActorContext, input: z.input<typeof deliveryFilterInput> = {}): Promise<DeliveryView[]> {
  authorize(ctx, 'portal.admin');
  const { status } = deliveryFilterInput.parse(input);
  const rows = await deps.db.notification.findMany({ where: { channel: { not: 'inapp' }, ...(status ? { status } : {}) }, orderBy: { createdAt: 'desc' }, take: 100, include: withRecipient });
  return rows.map(deliveryView);
}

const withRecipient = { recipient: { select: { email: true } } } as const;

function deliveryView(r: Prisma.NotificationGetPayload<{ include: typeof withRecipient }>): DeliveryView {
  return {
    id: r.id,
    kind: r.kind,
    channel: r.channel,
    status: r.status as NotificationStatus,
    to: r.recipient?.email ?? (r.slackChannelEnv ? `channel ${r.slackChannelEnv}` : r.channel === 'slack' ? 'team channel' : 'webhook'),
    subject: (r.data as unknown as NotificationMessage).subject ?? '',
    attempts: r.attempts,
    lastError: withoutCredentials(r.lastError),
    createdAt: r.createdAt.toISOString(),
    sentAt: r.sentAt?.toISOString() ?? null,
    nextAttemptAt: r.nextAttemptAt?.toISOString() ?? null,
  };
}

/**
 * Puts a failed notification back in the queue, due at once, with a fresh round of retries; the
 * scheduler sends it under the same id (so receivers still de-duplicate). Only a failed one: a pending
 * one is queued already and a sent one was received. Audited in the same transaction.
 */
export async function resendNotification(deps: ServiceDeps, ctx: ActorContext, input: z.input<typeof resendInput>): Promise<DeliveryView> {
  authorize(ctx, 'portal.admin');
  const { notificationId } = resendInput.parse(input);
  return deps.db.$transaction(async (tx) => {
    const row = await tx.notification.findFirst({ where: { id: notificationId, channel: { not: 'inapp' } } });
    if (!row) throw new AppError('not_found', 'No such notification.');
    const { count } = await tx.notification.updateMany({ where: { id: row.id, status: 'failed' }, data: { status: 'pending', attempts: 0, nextAttemptAt: null } });
    if (count === 0) throw new AppError('conflict', `Only a failed notification can be sent again; this one is ${row.status}.`);
    await appendAudit(tx, {
      ...actorFields(ctx),
      requestId: row.requestId,
      grantId: row.grantId,
      action: 'notification.resent',
      data: { notificationId: row.id, kind: row.kind, channel: row.channel },
    });
    return deliveryView(await tx.notification.findUniqueOrThrow({ where: { id: row.id }, include: withRecipient }));
  });
}
