import type { Tx } from '@/lib/db/client';
import type { Prisma } from '@/lib/db/generated/client';
import { slackKinds, type NotificationChannel } from '@/lib/notify/kinds';
import type { NotificationMessage } from '@/lib/notify/message';
import { notifySettings, type NotifySettings } from '@/lib/notify/settings';

export interface OutboxTarget {
  /** People told by e-mail (one row each). */
  recipients: ReadonlyArray<{ id: string }>;
  requestId?: string | null;
  grantId?: string | null;
  /** Channel-wide copies (webhook, Slack); Slack only for the kinds a team channel wants. */
  channelWide?: boolean;
  /** Slack despite the kind (the follow-up to a request announced in the channel), or never. */
  slack?: 'auto' | 'always' | 'never';
  /** Once-only messages: rows with the same key are written once, whatever runs again. */
  dedupeKey?: string;
}

/** True when at least one channel is configured: otherwise nothing is written at all. */
export const anyChannel = (s: NotifySettings) => Boolean(s.email || s.webhook || s.slack);

/**
 * Writes one outbox row per channel and person, in the caller's transaction: the message commits with the
 * change that caused it, or not at all. Nothing is sent here — the scheduler delivers after commit.
 */
export async function writeOutbox(tx: Tx, message: NotificationMessage, target: OutboxTarget, settings: NotifySettings = notifySettings()): Promise<number> {
  const rows: Prisma.NotificationCreateManyInput[] = [];
  const base = { kind: message.kind, requestId: target.requestId ?? null, grantId: target.grantId ?? null, data: message as unknown as Prisma.InputJsonObject };
  const key = (channel: NotificationChannel, who: string | null) => (target.dedupeKey ? { dedupeKey: `${target.dedupeKey}:${channel}:${who ?? '-'}` } : {});
  if (settings.email) for (const r of target.recipients) rows.push({ ...base, channel: 'email', recipientId: r.id, ...key('email', r.id) });
  if (target.channelWide !== false) {
    if (settings.webhook) rows.push({ ...base, channel: 'webhook', ...key('webhook', null) });
    const slack = target.slack ?? 'auto';
    if (settings.slack && (slack === 'always' || (slack === 'auto' && slackKinds.has(message.kind)))) rows.push({ ...base, channel: 'slack', ...key('slack', null) });
  }
  if (rows.length === 0) return 0;
  const { count } = await tx.notification.createMany({ data: rows, skipDuplicates: Boolean(target.dedupeKey) });
  return count;
}
