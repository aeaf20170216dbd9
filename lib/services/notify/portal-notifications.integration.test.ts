import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { defaultConnectors } from '@/lib/connectors/registry';
import { manualClock } from '@/lib/domain/clock';
import { requestAccessInput } from '@/lib/domain/request-input';
import { overrideNotifySettings } from '@/lib/notify/settings';
import { actorContext } from '@/lib/testing/actors';
import { expectAppError } from '@/lib/testing/expect-app-error';
import { startSlackReceiver, type SlackReceiver } from '@/lib/testing/slack-receiver';
import { startSmtpReceiver, type SmtpReceiver } from '@/lib/testing/smtp-receiver';
import { clearNotificationQueue, deliverUntilFailed, notifySettingsWith } from '@/lib/testing/notify-delivery';
import { createTestDatabase, type TestDatabase } from '@/lib/testing/test-db';
import { startWebhookReceiver, type WebhookReceiver } from '@/lib/testing/webhook-receiver';
import { policyView } from '../admin/admin-views';
import { upsertPolicy } from '../admin/upsert-policy';
import type { ServiceDeps } from '../deps';
import { checkHealth } from '../health';
import { decideRequest } from '../requests/decide-request';
import { requestAccess } from '../requests/request-access';
import { sweep } from '../sweep/sweep';
import { listDeliveries, resendNotification } from './admin-deliveries';
import { listBell, markBellRead } from './bell';
import { deliverNotifications } from './deliver';
import { getNotificationPreferences, setNotificationPreferences } from './preferences';

// The portal's side of notifications (issue 11): the bell, each person's channel choices, the admins'
// delivery list with resend, and a policy's own Slack channel — against real receivers on loopback.

const SECRET = 'portal-notify-secret-0123456789';
let database: TestDatabase;
let deps: ServiceDeps;
let smtp: SmtpReceiver;
let hook: WebhookReceiver;
let teamSlack: SlackReceiver;
let policySlack: SlackReceiver;
const clock = manualClock(new Date());

beforeAll(async () => {
  database = await createTestDatabase('demo');
  deps = { db: database.db, clock, connectors: defaultConnectors() };
  // The scheduler's clock runs days ahead in the retry test: a wide tolerance, every signature still checked.
  [smtp, hook, teamSlack, policySlack] = await Promise.all([startSmtpReceiver(), startWebhookReceiver({ secret: SECRET, toleranceSeconds: 30 * 24 * 3600 }), startSlackReceiver(), startSlackReceiver()]);
});
afterAll(async () => {
  overrideNotifySettings(null);
  delete process.env.TARGET_SLACK_FLAGS;
  await Promise.all([smtp?.stop(), hook?.stop(), teamSlack?.stop(), policySlack?.stop()]);
  await database?.close();
});

const as = (email: string) => actorContext(database.db, email);
const submit = async (email: string, resource: string, role: string, durationMinutes = 30) =>
  requestAccess(deps, await as(email), requestAccessInput.parse({ resource, role, durationMinutes, justification: 'portal notification test' }));
const submitStatusPage = async (email: string) =>
  requestAccess(deps, await as(email), requestAccessInput.parse({ resource: 'status-page', role: 'editor', durationMinutes: 30, ticket: 'OPS-1', justification: 'portal notification test' }));
const rowsOf = (requestId: string) => database.db.notification.findMany({ where: { requestId }, include: { recipient: { select: { email: true } } } });
const clearQueue = () => clearNotificationQueue(database.db);
const allOn = async (email: string) => {
  const ctx = await as(email);
  const view = await getNotificationPreferences(deps, ctx);
  await setNotificationPreferences(deps, ctx, { preferences: view.kinds.map((k) => ({ kind: k.kind, email: true, inapp: true })) });
};

describe('the bell', () => {
  it('tells approvers of a request with no channel configured, links to it, and is marked read per person', async () => {
    overrideNotifySettings(notifySettingsWith({}));
    const request = await submit('alice@example.com', 'feature-flags', 'editor');
    const bob = await as('bob@example.com');
    const before = await listBell(deps, bob);
    const item = before.items.find((i) => i.path === `/inbox/${request.id}`)!;
    expect(item).toMatchObject({ subject: 'Approve? Alice Adams wants editor on feature-flags for 30 min', read: false });
    expect(before.unread).toBeGreaterThanOrEqual(1);
    // Nothing goes to a channel that is not configured, and the requester is not told of their own request.
    expect((await rowsOf(request.id)).map((r) => [r.channel, r.recipient?.email]).sort()).toEqual([
      ['inapp', 'bob@example.com'],
      ['inapp', 'frank@example.com'],
    ]);

    // Someone else's id marks nothing.
    await markBellRead(deps, await as('alice@example.com'), { ids: [item.id] });
    expect((await listBell(deps, bob)).unread).toBe(before.unread);
    expect(await markBellRead(deps, bob, { ids: [item.id] })).toEqual({ unread: before.unread - 1 });
    expect((await listBell(deps, await as('frank@example.com'))).items.find((i) => i.path === `/inbox/${request.id}`)).toMatchObject({ read: false });

    await decideRequest(deps, bob, { requestId: request.id, decision: 'approve', comment: 'ok' });
    const grant = await database.db.grant.findFirstOrThrow({ where: { requestId: request.id } });
    const alice = await listBell(deps, await as('alice@example.com'));
    expect(alice.items.find((i) => i.subject.startsWith('Approved'))).toMatchObject({ subject: "Approved by Bob Brown: Alice Adams's request for editor on feature-flags", path: `/grants/${grant.id}`, read: false });
    expect((await markBellRead(deps, await as('alice@example.com'), {})).unread).toBe(0);
  });
});

describe('preferences', () => {
  it('an approver cannot switch "a request needs you" off entirely; every such problem is named and nothing is saved', async () => {
    const carol = await as('carol@example.com'); // admin: revocation failures and break-glass are hers to act on
    const refusal = await expectAppError(
      setNotificationPreferences(deps, carol, {
        preferences: [
          { kind: 'revocation_failing', email: false, inapp: false },
          { kind: 'break_glass_started', email: false, inapp: false },
          { kind: 'grant_active', email: false, inapp: false },
        ],
      }),
      'unprocessable',
      { message: /Revocation keeps failing, Break-glass started/ },
    );
    expect(Object.keys(refusal.details!.fields as object).sort()).toEqual(['break_glass_started', 'revocation_failing']);
    expect(await database.db.notificationPreference.count({ where: { user: { email: 'carol@example.com' } } })).toBe(0);

    const bob = await as('bob@example.com');
    await expectAppError(setNotificationPreferences(deps, bob, { preferences: [{ kind: 'request_needs_approval', email: false, inapp: false }] }), 'unprocessable', {
      message: /A request needs you/,
    });
    const view = await getNotificationPreferences(deps, bob);
    expect(view.kinds.find((k) => k.kind === 'request_needs_approval')).toMatchObject({ email: true, inapp: true, mandatory: true });
    // A requester's own news is theirs to silence.
    expect((await getNotificationPreferences(deps, await as('alice@example.com'))).kinds.find((k) => k.kind === 'request_needs_approval')).toMatchObject({ mandatory: false });
  });

  it('enqueueing honours each choice: bell only for bob, both for frank, nothing for alice\'s own decision', async () => {
    overrideNotifySettings(notifySettingsWith({ email: { url: smtp.url, from: 'Timebox <timebox@example.test>' } }));
    await setNotificationPreferences(deps, await as('bob@example.com'), { preferences: [{ kind: 'request_needs_approval', email: false, inapp: true }] });
    await setNotificationPreferences(deps, await as('alice@example.com'), { preferences: [{ kind: 'request_decided', email: false, inapp: false }] });
    expect(await database.db.auditEvent.findFirst({ where: { action: 'notification.preferences_changed', actor: { email: 'alice@example.com' } } })).toMatchObject({
      data: { emailOff: ['request_decided'], bellOff: ['request_decided'] },
    });

    const request = await submitStatusPage('alice@example.com');
    const told = (await rowsOf(request.id)).map((r) => `${r.channel}:${r.recipient?.email}`).sort();
    expect(told).toEqual(['email:frank@example.com', 'inapp:bob@example.com', 'inapp:frank@example.com']);

    await decideRequest(deps, await as('bob@example.com'), { requestId: request.id, decision: 'deny', comment: 'not now' });
    expect((await rowsOf(request.id)).filter((r) => r.kind === 'request_decided')).toEqual([]);
    await clearQueue();
    await Promise.all(['alice@example.com', 'bob@example.com'].map(allOn));
  });
});

describe('admin deliveries and resend', () => {
  it('a failed delivery is listed with its error, resent by an admin only, and then delivered under the same id', async () => {
    const settings = notifySettingsWith({ webhook: { url: hook.url, secret: SECRET } });
    overrideNotifySettings(settings);
    const request = await submit('erin@example.com', 'feature-flags', 'editor');
    await deliverUntilFailed({ deps, clock, settings, hook, requestId: request.id });
    const carol = await as('carol@example.com');
    const failed = (await listDeliveries(deps, carol, { status: 'failed' })).find((d) => d.subject.includes('Erin Evans'))!;
    expect(failed).toMatchObject({ channel: 'webhook', status: 'failed', lastError: expect.stringContaining('HTTP 503') });
    expect(failed.lastError).not.toContain(SECRET);
    expect((await listDeliveries(deps, carol, { status: 'sent' })).every((d) => d.status === 'sent')).toBe(true);

    // A member can neither see the list nor resend: 403, and the row stays failed.
    const alice = await as('alice@example.com');
    expect((await expectAppError(listDeliveries(deps, alice), 'forbidden')).status).toBe(403);
    expect((await expectAppError(resendNotification(deps, alice, { notificationId: failed.id }), 'forbidden')).status).toBe(403);
    expect(await database.db.notification.findUniqueOrThrow({ where: { id: failed.id } })).toMatchObject({ status: 'failed' });

    expect((await checkHealth(database.db)).warnings).toEqual(expect.arrayContaining([expect.stringContaining('could not be delivered')]));
    expect(await resendNotification(deps, carol, { notificationId: failed.id })).toMatchObject({ id: failed.id, status: 'pending', attempts: 0 });
    expect(await database.db.auditEvent.findFirst({ where: { action: 'notification.resent', actor: { email: 'carol@example.com' } } })).toMatchObject({
      requestId: request.id,
      data: { notificationId: failed.id, kind: 'request_needs_approval', channel: 'webhook' },
    });
    await expectAppError(resendNotification(deps, carol, { notificationId: failed.id }), 'conflict');

    expect(await deliverNotifications(deps, settings)).toMatchObject({ sent: 1 });
    expect(await database.db.notification.findUniqueOrThrow({ where: { id: failed.id } })).toMatchObject({ status: 'sent', attempts: 1, lastError: null });
    expect(hook.events().filter((e) => e.id === failed.id)).toHaveLength(1);
    expect((await checkHealth(database.db)).warnings ?? []).not.toEqual(expect.arrayContaining([expect.stringContaining('notification')]));
    await sweep(deps); // the request timed out undecided while its message was failing
    await clearQueue();
  });
});

describe("a policy's own Slack channel", () => {
  it('only a TARGET_ variable may be named', async () => {
    const carol = await as('carol@example.com');
    const policy = await database.db.policy.findFirstOrThrow({ where: { entitlement: { role: 'editor', resource: { slug: 'feature-flags' } } } });
    await expectAppError(upsertPolicy(deps, carol, { ...policyView(policy), entitlementId: policy.entitlementId, slackChannelEnv: 'SLACK_WEBHOOK_URL' }), 'unprocessable', { field: 'slackChannelEnv' });
    await expectAppError(upsertPolicy(deps, carol, { ...policyView(policy), entitlementId: policy.entitlementId, slackChannelEnv: 'DATABASE_URL' }), 'unprocessable', { field: 'slackChannelEnv' });
  });

  it("gets that policy's messages, and the follow-up saying who decided; other policies stay in the team channel", async () => {
    const settings = notifySettingsWith({ slack: { url: teamSlack.url } });
    overrideNotifySettings(settings);
    process.env.TARGET_SLACK_FLAGS = policySlack.url;
    const carol = await as('carol@example.com');
    const policy = await database.db.policy.findFirstOrThrow({ where: { entitlement: { role: 'editor', resource: { slug: 'feature-flags' } } } });
    await upsertPolicy(deps, carol, { ...policyView(policy), entitlementId: policy.entitlementId, slackChannelEnv: 'TARGET_SLACK_FLAGS' });

    const flags = await submit('erin@example.com', 'feature-flags', 'editor');
    const status = await submitStatusPage('alice@example.com');
    expect(await deliverNotifications(deps, settings)).toMatchObject({ sent: 2, failed: 0 });
    expect(policySlack.payloads.map((p) => p.text)).toEqual([expect.stringContaining('Erin Evans wants editor on feature-flags')]);
    expect(teamSlack.payloads.map((p) => p.text)).toEqual([expect.stringContaining('Alice Adams wants editor on status-page')]);

    // The follow-up goes where the request was announced, even if the policy's channel changed meanwhile.
    const setChannel = async (slackChannelEnv: string | null) => upsertPolicy(deps, carol, { ...policyView(await database.db.policy.findUniqueOrThrow({ where: { id: policy.id } })), entitlementId: policy.entitlementId, slackChannelEnv });
    await setChannel(null);
    await decideRequest(deps, await as('bob@example.com'), { requestId: flags.id, decision: 'deny', comment: 'no' });
    await deliverNotifications(deps, settings);
    expect(policySlack.payloads.at(-1)!.text).toContain('Denied by Bob Brown');
    await setChannel('TARGET_SLACK_FLAGS');
    expect(teamSlack.payloads).toHaveLength(1);
    expect([...policySlack.problems, ...teamSlack.problems]).toEqual([]);
    // Only the variable's name is stored with the message, never the webhook URL.
    const row = (await rowsOf(flags.id)).find((r) => r.channel === 'slack')!;
    expect(row.slackChannelEnv).toBe('TARGET_SLACK_FLAGS');
    expect(JSON.stringify(row)).not.toContain(policySlack.url);

    // The variable gone: the team channel, not silence.
    delete process.env.TARGET_SLACK_FLAGS;
    await decideRequest(deps, await as('bob@example.com'), { requestId: status.id, decision: 'deny', comment: 'no' });
    const again = await submit('erin@example.com', 'feature-flags', 'editor');
    await deliverNotifications(deps, settings);
    expect(teamSlack.payloads.map((p) => p.text)).toContainEqual(expect.stringContaining('Erin Evans wants editor on feature-flags'));
    await decideRequest(deps, await as('bob@example.com'), { requestId: again.id, decision: 'deny', comment: 'done' });
    await clearQueue();
  });
});
