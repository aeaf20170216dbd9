import type { Tx } from '@/lib/db/client';
import type { Prisma } from '@/lib/db/generated/client';
import { slackKinds, type NotificationChannel } from '@/lib/notify/kinds';
import type { NotificationMessage } from '@/lib/notify/message';
import { actionKinds, defaultPreference } from '@/lib/notify/preferences';
import { notifySettings, type NotifySettings } from '@/lib/notify/settings';
import { insertOutboxRows, type OutboxRow } from './insert-outbox';

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

type Preference = typeof defaultPreference;

/** One message and whom it goes to: writeOutboxMany takes many (a batch of transitions). */
export interface OutboxItem {
  message: NotificationMessage;
  target: OutboxTarget;
}

/** Each recipient's choice per kind (no row: the default), for every item at once: one query, keyed `kind:userId`. */
async function preferencesOf(tx: Tx, items: readonly OutboxItem[]): Promise<Map<string, Preference>> {
  const usersByKind = new Map<string, Set<string>>();
  for (const { message, target } of items) {
    for (const r of target.recipients) usersByKind.set(message.kind, (usersByKind.get(message.kind) ?? new Set()).add(r.id));
  }
  if (usersByKind.size === 0) return new Map();
  const rows = await tx.notificationPreference.findMany({
    where: { OR: [...usersByKind].map(([kind, users]) => ({ kind, userId: { in: [...users] } })) },
    select: { userId: true, kind: true, email: true, inapp: true },
  });
  return new Map(rows.map((r) => [`${r.kind}:${r.userId}`, { email: r.email, inapp: r.inapp }]));
}

/** The outbox rows of one message: one per channel and person, as each chose, plus the channel-wide copies. */
function outboxRows({ message, target }: OutboxItem, chosen: ReadonlyMap<string, Preference>, settings: NotifySettings): OutboxRow[] {
  const rows: OutboxRow[] = [];
  const base = { kind: message.kind, requestId: target.requestId ?? null, grantId: target.grantId ?? null, data: message as unknown as Prisma.InputJsonObject };
  const key = (channel: NotificationChannel, who: string | null) => (target.dedupeKey ? { dedupeKey: `${target.dedupeKey}:${channel}:${who ?? '-'}` } : {});
  for (const r of target.recipients) {
    const pref = chosen.get(`${message.kind}:${r.id}`) ?? defaultPreference;
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
  return rows;
}

/**
 * Writes one outbox row per channel and person, in the caller's transaction: the message commits with the
 * change that caused it, or not at all. Nothing is sent here — the scheduler delivers after commit. Bell
 * rows are the exception that proves it: they are the delivery, so they are written as sent and unread.
 */
export async function writeOutbox(tx: Tx, message: NotificationMessage, target: OutboxTarget, settings: NotifySettings = notifySettings()): Promise<number> {
  return writeOutboxMany(tx, [{ message, target }], settings);
}

/**
 * writeOutbox for many messages in two statements (their recipients' preferences, then every row in order):
 * a sweep batch ending 200 grants wrote 200 messages one by one, two statements each, inside its transaction.
 */
export async function writeOutboxMany(tx: Tx, items: readonly OutboxItem[], settings: NotifySettings = notifySettings()): Promise<number> {
  const chosen = await preferencesOf(tx, items);
  const rows = items.flatMap((item) => outboxRows(item, chosen, settings));
  // Rows without a key never conflict, so skipping duplicates changes nothing for them.
  return insertOutboxRows(tx, rows, items.some((item) => Boolean(item.target.dedupeKey)));
}
