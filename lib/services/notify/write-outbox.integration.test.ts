import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '@/lib/db/client';
import type { NotificationMessage } from '@/lib/notify/message';
import type { NotifySettings } from '@/lib/notify/settings';
import { createTestDatabase, type TestDatabase } from '@/lib/testing/test-db';
import { writeOutbox, writeOutboxMany, type OutboxItem } from './write-outbox';

// writeOutboxMany writes a batch of messages (a sweep batch ending 200 grants) in two statements: the
// rows must be the ones writeOutbox writes message by message — each person's own choice per kind,
// the channel-wide copies, the once-only keys — with JSON data intact.

let database: TestDatabase;
let db: Db;
const users: Record<string, string> = {};
const settings: NotifySettings = { baseUrl: 'https://timebox.example.test', email: { url: 'smtp://127.0.0.1:1', from: 'timebox@example.test' }, webhook: { url: 'http://127.0.0.1:1/hook', secret: 's' }, reminderMinutes: 10, timeoutMs: 5_000 };

beforeAll(async () => {
  database = await createTestDatabase('demo');
  db = database.db;
  for (const email of ['alice@example.com', 'bob@example.com', 'frank@example.com']) users[email] = (await db.user.findUniqueOrThrow({ where: { email } })).id;
  // bob: no mail about ended grants; frank: no bell about started ones. Everyone else keeps the default (both).
  await db.notificationPreference.create({ data: { userId: users['bob@example.com']!, kind: 'grant_ended', email: false, inapp: true } });
  await db.notificationPreference.create({ data: { userId: users['frank@example.com']!, kind: 'grant_active', email: true, inapp: false } });
});
afterAll(async () => database?.close());

const message = (kind: NotificationMessage['kind'], subject: string): NotificationMessage => ({
  kind,
  subject,
  facts: [['Role', 'editor on feature-flags'], ['Why', 'Zugriff für Störung — 数据库 🚒']],
  link: { label: 'Open', path: '/grants/x' },
  event: { nested: { list: [1, null, 'two'] }, none: null },
});

/** A batch as the sweep and the lifecycle write it: several people, two kinds, one once-only key. */
function batch(tag: string): OutboxItem[] {
  const grant = (email: string, kind: NotificationMessage['kind']) => ({ message: message(kind, `${tag} ${kind} ${email}`), target: { recipients: [{ id: users[email]! }], requestId: randomUUID(), grantId: randomUUID() } });
  return [
    grant('alice@example.com', 'grant_ended'),
    grant('bob@example.com', 'grant_ended'),
    grant('frank@example.com', 'grant_active'),
    grant('bob@example.com', 'grant_active'),
    { message: message('grant_ends_soon', `${tag} reminder`), target: { recipients: [{ id: users['alice@example.com']! }], requestId: null, grantId: null, dedupeKey: `${tag}:ends-soon` } },
  ];
}

/** What a row says, without the ids and times each write draws afresh. */
const rowsOf = async (tag: string) =>
  (await db.notification.findMany({ where: { data: { path: ['subject'], string_starts_with: `${tag} ` } }, include: { recipient: { select: { email: true } } } }))
    .map((r) => ({ subject: (r.data as { subject: string }).subject.slice(tag.length + 1), kind: r.kind, channel: r.channel, status: r.status, to: r.recipient?.email ?? null, dedupe: r.dedupeKey?.slice(tag.length) ?? null, data: { ...(r.data as object), subject: null }, slack: r.slackChannelEnv, attempts: r.attempts, sentAt: r.sentAt, readAt: r.readAt }))
    .sort((a, b) => `${a.subject}|${a.channel}`.localeCompare(`${b.subject}|${b.channel}`));

describe('writeOutboxMany', () => {
  it('writes the rows writeOutbox writes one message at a time, each person as they chose', async () => {
    const one = batch('one');
    let written = 0;
    for (const item of one) written += await db.$transaction((tx) => writeOutbox(tx, item.message, item.target, settings));
    expect(await db.$transaction((tx) => writeOutboxMany(tx, batch('many'), settings))).toBe(written);
    const many = await rowsOf('many');
    expect(many).toEqual(await rowsOf('one'));
    const channels = (subject: string) => many.filter((r) => r.subject === subject).map((r) => r.channel).sort();
    expect(channels('grant_ended alice@example.com')).toEqual(['email', 'inapp', 'webhook']);
    expect(channels('grant_ended bob@example.com')).toEqual(['inapp', 'webhook']);
    expect(channels('grant_active frank@example.com')).toEqual(['email', 'webhook']);
    expect(channels('grant_active bob@example.com')).toEqual(['email', 'inapp', 'webhook']);
    expect(many.find((r) => r.channel === 'inapp')).toMatchObject({ status: 'sent', attempts: 0, sentAt: null, readAt: null });
    expect(many.find((r) => r.channel === 'email')).toMatchObject({ status: 'pending', data: { facts: [['Role', 'editor on feature-flags'], ['Why', 'Zugriff für Störung — 数据库 🚒']], event: { nested: { list: [1, null, 'two'] }, none: null } } });
  });

  it('writes a once-only message once, however often the batch runs', async () => {
    const first = await db.$transaction((tx) => writeOutboxMany(tx, batch('again'), settings));
    const second = await db.$transaction((tx) => writeOutboxMany(tx, batch('again'), settings));
    // The reminder's rows (mail, bell, webhook) are keyed: the second batch leaves them out.
    expect(first - second).toBe(3);
    expect((await rowsOf('again')).filter((r) => r.subject === 'reminder')).toHaveLength(3);
  });

  it('writes nothing for nobody, and nothing at all when its transaction rolls back', async () => {
    const before = await db.notification.count();
    expect(await db.$transaction((tx) => writeOutboxMany(tx, [], settings))).toBe(0);
    await expect(
      db.$transaction(async (tx) => {
        await writeOutboxMany(tx, batch('rolled'), settings);
        throw new Error('roll back');
      }),
    ).rejects.toThrow('roll back');
    expect(await db.notification.count()).toBe(before);
  });
});
