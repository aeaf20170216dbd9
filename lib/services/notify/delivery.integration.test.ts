import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { defaultConnectors } from '@/lib/connectors/registry';
import { connectDatabase, type Db } from '@/lib/db/client';
import { manualClock, minutes, systemClock } from '@/lib/domain/clock';
import { requestAccessInput } from '@/lib/domain/request-input';
import { overrideNotifySettings } from '@/lib/notify/settings';
import { actorContext } from '@/lib/testing/actors';
import { startHangingSmtp, startSmtpReceiver, type SmtpReceiver } from '@/lib/testing/smtp-receiver';
import { clearNotificationQueue, deliverUntilFailed, notifySettingsWith } from '@/lib/testing/notify-delivery';
import { createTestDatabase, type TestDatabase } from '@/lib/testing/test-db';
import { startWebhookReceiver, type WebhookReceiver } from '@/lib/testing/webhook-receiver';
import type { ServiceDeps } from '../deps';
import { checkHealth } from '../health';
import { decideRequest } from '../requests/decide-request';
import { requestAccess } from '../requests/request-access';
import { deliverNotifications } from './deliver';
import { notifyPass } from './notify-pass';
import { sweep } from '../sweep/sweep';

// Dependable delivery: retries, giving up after 24 h, a hanging server kept off the request path,
// concurrent schedulers, and the once-per-grant reminder — all against real servers on loopback.

const SECRET = 'delivery-test-secret-0123456789';
let database: TestDatabase;
let deps: ServiceDeps;
let smtp: SmtpReceiver;
let hook: WebhookReceiver;
const clock = manualClock(new Date());


beforeAll(async () => {
  database = await createTestDatabase('demo');
  deps = { db: database.db, clock, connectors: defaultConnectors() };
  [smtp, hook] = await Promise.all([startSmtpReceiver(), startWebhookReceiver({ secret: SECRET })]);
});
afterAll(async () => {
  overrideNotifySettings(null);
  await Promise.all([smtp?.stop(), hook?.stop()]);
  await database?.close();
});

const as = (email: string) => actorContext(database.db, email);
const submit = async (email: string, resource: string, role: string, durationMinutes = 30) =>
  requestAccess(deps, await as(email), requestAccessInput.parse({ resource, role, durationMinutes, justification: 'delivery test' }));
/** Each test starts with an empty queue: what an earlier test left pending is set aside. */
const clearQueue = () => clearNotificationQueue(database.db);

describe('retries', () => {
  it('a receiver that answers 500 then 200 gets the message once, under one id', async () => {
    const settings = notifySettingsWith({ webhook: { url: hook.url, secret: SECRET } });
    overrideNotifySettings(settings);
    const request = await submit('alice@example.com', 'feature-flags', 'editor');
    hook.failNext(1, 500);
    expect(await deliverNotifications(deps, settings)).toMatchObject({ sent: 0, retrying: 1 });
    const row = await database.db.notification.findFirstOrThrow({ where: { requestId: request.id, channel: 'webhook' } });
    expect(row).toMatchObject({ status: 'pending', attempts: 1, lastError: expect.stringContaining('HTTP 500') });
    // Not due again until its backoff has passed.
    expect(await deliverNotifications(deps, settings)).toMatchObject({ sent: 0, retrying: 0 });
    clock.advance(31_000);
    expect(await deliverNotifications(deps, settings)).toMatchObject({ sent: 1 });
    const attempts = hook.deliveries.filter((d) => JSON.parse(d.rawBody).id === row.id);
    expect(attempts.map((d) => d.status)).toEqual([500, 200]);
    expect(hook.events().filter((e) => e.id === row.id)).toHaveLength(1);
    expect(await database.db.notification.findUniqueOrThrow({ where: { id: row.id } })).toMatchObject({ status: 'sent', attempts: 2, lastError: null });
    await decideRequest(deps, await as('bob@example.com'), { requestId: request.id, decision: 'deny', comment: 'test done' });
    await clearQueue();
  });

  it('gives up after 24 h: failed, audited, and a warning in /api/health until resent', async () => {
    const settings = notifySettingsWith({ webhook: { url: hook.url, secret: SECRET } });
    overrideNotifySettings(settings);
    const request = await submit('erin@example.com', 'feature-flags', 'editor');
    await deliverUntilFailed({ deps, clock, settings, hook, requestId: request.id });
    const row = await database.db.notification.findFirstOrThrow({ where: { requestId: request.id, channel: 'webhook' } });
    expect(row.status).toBe('failed');
    expect(row.attempts).toBeGreaterThan(5);
    const audit = await database.db.auditEvent.findMany({ where: { action: 'notification.failed', requestId: request.id } });
    expect(audit).toHaveLength(1);
    expect(audit[0]!.data).toMatchObject({ notificationId: row.id, channel: 'webhook', kind: 'request_needs_approval' });
    const health = await checkHealth(database.db);
    expect(health.warnings).toEqual(expect.arrayContaining([expect.stringContaining('1 notification(s) could not be delivered')]));
    await database.db.notification.update({ where: { id: row.id }, data: { status: 'skipped' } });
    expect((await checkHealth(database.db)).warnings ?? []).not.toEqual(expect.arrayContaining([expect.stringContaining('notification')]));
    await sweep(deps); // a day has passed: the request timed out undecided
    await clearQueue();
  });
});

describe('a hanging mail server', () => {
  it('never slows a request or an approval: delivery waits on its own, bounded by the timeout', async () => {
    const hang = await startHangingSmtp();
    const settings = notifySettingsWith({ email: { url: hang.url, from: 'timebox@example.test' }, timeoutMs: 4_000 });
    overrideNotifySettings(settings);
    try {
      const first = await submit('erin@example.com', 'feature-flags', 'editor');
      const started = Date.now();
      const delivering = deliverNotifications(deps, settings); // hangs on the silent server
      await new Promise<void>((resolve, reject) => {
        const poll = setInterval(() => (hang.connections() > 0 ? (clearInterval(poll), resolve()) : undefined), 20);
        setTimeout(() => (clearInterval(poll), reject(new Error('no connection to the hanging server'))), 10_000);
      });
      const t0 = Date.now();
      const second = await submit('alice@example.com', 'billing-console', 'operator', 20);
      const submitMs = Date.now() - t0;
      const t1 = Date.now();
      await decideRequest(deps, await as('bob@example.com'), { requestId: first.id, decision: 'approve' });
      const approveMs = Date.now() - t1;
      const summary = await delivering;
      const deliveryMs = Date.now() - started;
      console.log(`hanging SMTP: submit ${submitMs} ms, approve ${approveMs} ms while delivery was stuck; delivery gave up after ${deliveryMs} ms`);
      // The request path finished while the sender was still stuck on the dead server.
      expect(submitMs + approveMs).toBeLessThan(deliveryMs);
      expect(summary.retrying).toBeGreaterThan(0);
      expect(await database.db.accessRequest.findUniqueOrThrow({ where: { id: first.id } })).toMatchObject({ status: 'approved' });
      await decideRequest(deps, await as('bob@example.com'), { requestId: second.id, decision: 'deny', comment: 'test done' });
    } finally {
      await hang.stop();
      await clearQueue();
    }
  }, 60_000);
});

describe('two schedulers at once', () => {
  let second: { db: Db; close(): Promise<void> };

  beforeAll(async () => {
    // A second instance: its own connection pool on PostgreSQL (PGlite has one process, so the same client).
    second = database.url ? await connectDatabase({ kind: 'postgres', url: database.url }) : { db: database.db, close: async () => {} };
  });
  afterAll(async () => second?.close());

  it('deliver each message once', async () => {
    const settings = notifySettingsWith({ email: { url: smtp.url, from: 'timebox@example.test' }, webhook: { url: hook.url, secret: SECRET } });
    overrideNotifySettings(settings);
    const ids: string[] = [];
    for (const [who, resource, role] of [
      ['alice@example.com', 'feature-flags', 'editor'],
      ['alice@example.com', 'billing-console', 'operator'],
      ['erin@example.com', 'billing-console', 'operator'],
    ] as const) {
      ids.push((await submit(who, resource, role, 20)).id);
    }
    const rows = await database.db.notification.findMany({ where: { requestId: { in: ids }, status: 'pending' } });
    expect(rows.map((r) => r.channel).sort()).toEqual([...Array(6).fill("email"), ...Array(3).fill("webhook")]); // per request: bob, frank, webhook
    const mailsBefore = smtp.mails.length;
    const hooksBefore = hook.deliveries.length;
    // The wall clock here: webhook signatures carry the sender's time, and the test clock is a day ahead by now.
    const one = { db: database.db, clock: systemClock };
    const two = { db: second.db, clock: systemClock };
    const [a, b] = await Promise.all([deliverNotifications(one, settings, 2), deliverNotifications(two, settings, 2)]);
    const [c, d] = await Promise.all([deliverNotifications(one, settings), deliverNotifications(two, settings)]);
    expect(a.sent + b.sent + c.sent + d.sent).toBe(9);
    expect(smtp.mails.length - mailsBefore).toBe(6);
    const hookIds = hook.deliveries.slice(hooksBefore).map((x) => JSON.parse(x.rawBody).id);
    expect(hookIds.sort()).toEqual(rows.filter((r) => r.channel === 'webhook').map((r) => r.id).sort());
    const messageIds = smtp.mails.slice(mailsBefore).map((m) => m.mail.messageId);
    expect(new Set(messageIds).size).toBe(6);
    for (const id of ids) await decideRequest(deps, await as('bob@example.com'), { requestId: id, decision: 'deny', comment: 'test done' });
    await clearQueue();
  });
});

describe('the expiry reminder', () => {
  it('is sent once per grant, ten minutes before the end, however often the scheduler runs', async () => {
    const settings = notifySettingsWith({ email: { url: smtp.url, from: 'timebox@example.test' } });
    overrideNotifySettings(settings);
    const request = await submit('alice@example.com', 'feature-flags', 'editor', 30);
    const approved = await decideRequest(deps, await as('bob@example.com'), { requestId: request.id, decision: 'approve' });
    const grantId = approved.grant!.id;
    await notifyPass(deps, settings);
    expect(await database.db.notification.count({ where: { grantId, kind: 'grant_ends_soon' } })).toBe(0); // 30 min left: not yet
    clock.advance(minutes(21));
    await Promise.all([notifyPass(deps, settings), notifyPass(deps, settings)]);
    await notifyPass(deps, settings);
    clock.advance(minutes(5));
    await notifyPass(deps, settings);
    const reminders = smtp.mails.filter((m) => m.mail.subject?.startsWith('Ends in') && m.mail.text?.includes(grantId));
    expect(reminders).toHaveLength(1);
    expect(reminders[0]!.envelopeTo).toEqual(['alice@example.com']);
    expect(reminders[0]!.mail.subject).toBe('Ends in 9 min: editor on feature-flags — extend?');
    expect(reminders[0]!.mail.text).toContain(`Extend: https://timebox.example.test/grants/${grantId}`);
  });
});
