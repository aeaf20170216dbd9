import { appendAudit } from '@/lib/audit/append';
import type { Db } from '@/lib/db/client';
import type { Clock } from '@/lib/domain/clock';
import { errorMessage } from '@/lib/errors';
import { log } from '@/lib/log';
import { NOTIFY_LEASE_MS, notifyBackoffMs, shouldGiveUp } from '@/lib/notify/backoff';
import type { NotificationMessage } from '@/lib/notify/message';
import { sendEmail } from '@/lib/notify/send-email';
import { sendSlack } from '@/lib/notify/send-slack';
import { sendWebhook } from '@/lib/notify/send-webhook';
import { slackWebhookFor } from '@/lib/notify/slack-channel';
import type { NotifySettings } from '@/lib/notify/settings';
import { claimNotifications } from './claim';

export interface DeliverySummary {
  sent: number;
  retrying: number;
  failed: number;
  skipped: number;
}

type Row = NonNullable<Awaited<ReturnType<typeof loadRow>>>;

const loadRow = (db: Db, id: string) => db.notification.findUnique({ where: { id }, include: { recipient: { select: { email: true, disabledAt: true } } } });

/**
 * One pass of the outbox: claims due messages (SKIP LOCKED, so several instances share the work and each
 * message is taken once), sends each outside any transaction, and records the outcome. A failure is
 * retried with backoff; after 24 h the message is marked failed, audited, and shown in /api/health.
 * Runs in the scheduler, never on a request's path.
 */
export async function deliverNotifications(deps: { db: Db; clock: Clock }, settings: NotifySettings, limit = 50): Promise<DeliverySummary> {
  const { db, clock } = deps;
  const summary: DeliverySummary = { sent: 0, retrying: 0, failed: 0, skipped: 0 };
  const ids = await claimNotifications(db, clock.now(), new Date(clock.now().getTime() + NOTIFY_LEASE_MS), limit);
  for (const id of ids) {
    const row = await loadRow(db, id);
    if (!row || row.status !== 'pending') continue; // skipped meanwhile (the request was decided)
    const outcome = await deliverOne(db, clock, settings, row);
    summary[outcome]++;
  }
  return summary;
}

async function send(settings: NotifySettings, row: Row, now: Date): Promise<'sent' | 'skipped'> {
  const message = row.data as unknown as NotificationMessage;
  if (row.channel === 'email') {
    if (!settings.email) return 'skipped';
    if (!row.recipient || row.recipient.disabledAt) return 'skipped';
    await sendEmail(settings, row.id, row.recipient.email, message);
  } else if (row.channel === 'webhook') {
    if (!settings.webhook) return 'skipped';
    await sendWebhook(settings, row.id, row.createdAt, message, now);
  } else if (row.channel === 'slack') {
    const url = slackWebhookFor(row.slackChannelEnv, settings);
    if (!url) return 'skipped';
    await sendSlack(settings, url, message);
  } else {
    return 'skipped';
  }
  return 'sent';
}

async function deliverOne(db: Db, clock: Clock, settings: NotifySettings, row: Row): Promise<keyof DeliverySummary> {
  try {
    const result = await send(settings, row, clock.now());
    // Conditional on still pending: an admin's or a decision's change meanwhile is not overwritten.
    await db.notification.updateMany({
      where: { id: row.id, status: 'pending' },
      data: result === 'sent' ? { status: 'sent', sentAt: clock.now(), lastError: null } : { status: 'skipped', lastError: 'channel not configured or recipient disabled' },
    });
    return result;
  } catch (error) {
    const reason = errorMessage(error).slice(0, 500);
    const now = clock.now();
    if (!shouldGiveUp(row.attempts)) {
      await db.notification.updateMany({ where: { id: row.id, status: 'pending' }, data: { nextAttemptAt: new Date(now.getTime() + notifyBackoffMs(row.attempts)), lastError: reason } });
      log.warn({ notificationId: row.id, channel: row.channel, attempts: row.attempts, reason }, 'notification not delivered; will retry');
      return 'retrying';
    }
    await db.$transaction(async (tx) => {
      const { count } = await tx.notification.updateMany({ where: { id: row.id, status: 'pending' }, data: { status: 'failed', lastError: reason } });
      if (count === 0) return;
      await appendAudit(tx, {
        actorLabel: 'system:scheduler',
        requestId: row.requestId,
        grantId: row.grantId,
        action: 'notification.failed',
        data: { notificationId: row.id, kind: row.kind, channel: row.channel, attempts: row.attempts, lastError: reason },
      });
    });
    log.error({ notificationId: row.id, channel: row.channel, attempts: row.attempts, reason }, 'notification given up after 24 h');
    return 'failed';
  }
}
