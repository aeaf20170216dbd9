import type { Tx } from '@/lib/db/client';
import type { Prisma } from '@/lib/db/generated/client';
import { slackKinds, type NotificationChannel } from '@/lib/notify/kinds';
import type { NotificationMessage } from '@/lib/notify/message';
import { actionKinds, defaultPreference } from '@/lib/notify/preferences';
import { notifySettings, type NotifySettings } from '@/lib/notify/settings';

export interface OutboxTarget {
  /** People told personally: by e-mail and in the bell, as each chose (/settings/notifications). */
  recipients: ReadonlyArray<{ id: string }>;
  requestId?: string | null;
  grantId?: string | null;
  /** Channel-wide copies (webhook, Slack); Slack only for the kinds a team channel wants. */
  channelWide?: boolean;
  /** Slack despite the kind (the follow-up to a request announced in the channel), or never. */
  slack?: 'auto' | 'always' | 'never';
  /** The policy's own Slack channel: the env var holding its webhook; null or absent: SLACK_WEBHOOK_URL. */
  slackChannelEnv?: string | null;
  /** Once-only messages: rows with the same key are written once, whatever runs again. */
  dedupeKey?: string;
}

/** Each recipient's choice for this kind (no row: the default). */
async function preferencesOf(tx: Tx, recipients: ReadonlyArray<{ id: string }>, kind: string) {
  if (recipients.length === 0) return new Map<string, typeof defaultPreference>();
  const rows = await tx.notificationPreference.findMany({ where: { kind, userId: { in: recipients.map((r) => r.id) } }, select: { userId: true, email: true, inapp: true } });
  return new Map(rows.map((r) => [r.userId, { email: r.email, inapp: r.inapp }]));
}

/**
 * Writes one outbox row per channel and person, in the caller's transaction: the message commits with the
 * change that caused it, or not at all. Nothing is sent here — the scheduler delivers after commit. Bell
 * rows are the exception that proves it: they are the delivery, so they are written as sent and unread.
 */
export async function writeOutbox(tx: Tx, message: NotificationMessage, target: OutboxTarget, settings: NotifySettings = notifySettings()): Promise<number> {
  const rows: Prisma.NotificationCreateManyInput[] = [];
  const base = { kind: message.kind, requestId: target.requestId ?? null, grantId: target.grantId ?? null, data: message as unknown as Prisma.InputJsonObject };
  const key = (channel: NotificationChannel, who: string | null) => (target.dedupeKey ? { dedupeKey: `${target.dedupeKey}:${channel}:${who ?? '-'}` } : {});
  const chosen = await preferencesOf(tx, target.recipients, message.kind);
  for (const r of target.recipients) {
    const pref = chosen.get(r.id) ?? defaultPreference;
    const email = Boolean(settings.email) && pref.email;
    if (email) rows.push({ ...base, channel: 'email', recipientId: r.id, ...key('email', r.id) });
    // Someone asked to act is told somewhere, whatever they chose (or whether SMTP is configured).
    if (pref.inapp || (!email && actionKinds.has(message.kind))) rows.push({ ...base, channel: 'inapp', status: 'sent', recipientId: r.id, ...key('inapp', r.id) });
  }
  if (target.channelWide !== false) {
    if (settings.webhook) rows.push({ ...base, channel: 'webhook', ...key('webhook', null) });
    const slack = target.slack ?? 'auto';
    const slackChannelEnv = target.slackChannelEnv ?? null;
    if ((settings.slack || slackChannelEnv) && (slack === 'always' || (slack === 'auto' && slackKinds.has(message.kind)))) rows.push({ ...base, channel: 'slack', slackChannelEnv, ...key('slack', null) });
  }
  if (rows.length === 0) return 0;
  const { count } = await tx.notification.createMany({ data: rows, skipDuplicates: Boolean(target.dedupeKey) });
  return count;
}
