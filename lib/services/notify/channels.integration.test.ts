import crypto from 'node:crypto';
import fs from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { defaultConnectors } from '@/lib/connectors/registry';
import { manualClock } from '@/lib/domain/clock';
import { requestAccessInput } from '@/lib/domain/request-input';
import { overrideNotifySettings, type NotifySettings } from '@/lib/notify/settings';
import { actorContext } from '@/lib/testing/actors';
import { startSlackReceiver, type SlackReceiver } from '@/lib/testing/slack-receiver';
import { startSmtpReceiver, type SmtpReceiver } from '@/lib/testing/smtp-receiver';
import { createTestDatabase, type TestDatabase } from '@/lib/testing/test-db';
import { startWebhookReceiver, type WebhookReceiver } from '@/lib/testing/webhook-receiver';
import type { ServiceDeps } from '../deps';
import { createRequest } from '../lifecycle/create';
import { decideRequest } from '../requests/decide-request';
import { requestAccess } from '../requests/request-access';
import { deliverNotifications } from './deliver';

// Every channel against a real server on loopback: smtp-server for mail, the signed-webhook receiver, and a
// Slack stand-in that checks Block Kit. The services run unchanged; only the channel addresses are swapped in.

const WEBHOOK_SECRET = 'notify-webhook-secret-0123456789';
const BASE = 'https://timebox.example.test';
let database: TestDatabase;
let deps: ServiceDeps;
let smtp: SmtpReceiver;
let hook: WebhookReceiver;
let slack: SlackReceiver;
let settings: NotifySettings;
const clock = manualClock(new Date());

/** The snippet receivers copy from docs/connectors-webhook.md, run as written (the doc is the contract). */
function documentedVerifier(): (raw: Buffer, header: string, secret: string) => boolean {
  const doc = fs.readFileSync('docs/connectors-webhook.md', 'utf8');
  const fn = /function verifyTimeboxSignature[\s\S]*?\n}\n/.exec(doc)![0];
  return new Function('crypto', 'Buffer', `${fn}; return verifyTimeboxSignature;`)(crypto, Buffer);
}

beforeAll(async () => {
  database = await createTestDatabase('demo');
  deps = { db: database.db, clock, connectors: defaultConnectors() };
  [smtp, hook, slack] = await Promise.all([startSmtpReceiver(), startWebhookReceiver({ secret: WEBHOOK_SECRET }), startSlackReceiver()]);
  settings = {
    baseUrl: BASE,
    email: { url: smtp.url, from: 'Timebox <timebox@example.test>' },
    webhook: { url: hook.url, secret: WEBHOOK_SECRET },
    slack: { url: slack.url },
    reminderMinutes: 10,
    timeoutMs: 5_000,
  };
  overrideNotifySettings(settings);
});
afterAll(async () => {
  overrideNotifySettings(null);
  await Promise.all([smtp?.stop(), hook?.stop(), slack?.stop()]);
  await database?.close();
});

const as = (email: string) => actorContext(database.db, email);
const outbox = (requestId: string) => database.db.notification.findMany({ where: { requestId }, orderBy: [{ createdAt: 'asc' }, { channel: 'asc' }] });
const secrets = () => [smtp.password, WEBHOOK_SECRET, 'XXXXSECRETPATH'];

describe('a request that needs approval', () => {
  let requestId: string;

  it('is written to the outbox with the request, one mail per approver, and nothing is sent yet', async () => {
    const request = await requestAccess(deps, await as('alice@example.com'), requestAccessInput.parse({ resource: 'feature-flags', role: 'editor', durationMinutes: 30, justification: 'INC-42 <b>flag</b> rollback' }));
    requestId = request.id;
    const rows = await outbox(requestId);
    const users = await database.db.user.findMany({ where: { id: { in: rows.flatMap((r) => (r.recipientId ? [r.recipientId] : [])) } } });
    expect(rows.map((r) => [r.kind, r.channel, r.status])).toEqual(
      expect.arrayContaining([
        ['request_needs_approval', 'email', 'pending'],
        ['request_needs_approval', 'slack', 'pending'],
        ['request_needs_approval', 'webhook', 'pending'],
      ]),
    );
    // Every sre-lead but never the requester.
    expect(users.map((u) => u.email).sort()).toEqual(['bob@example.com', 'frank@example.com']);
    expect(smtp.mails).toHaveLength(0);
  });

  it('a rolled-back change writes nothing', async () => {
    const before = await database.db.notification.count();
    const alice = await as('erin@example.com');
    const entitlement = await database.db.entitlement.findFirstOrThrow({ where: { role: 'editor', resource: { slug: 'feature-flags' } } });
    await expect(
      database.db.$transaction(async (tx) => {
        await createRequest(tx, alice, { requesterId: alice.actor.id, entitlementId: entitlement.id, durationMinutes: 10, justification: 'x for the test', expiresAt: new Date(clock.now().getTime() + 60_000) }, { justification: 'x for the test' });
        expect(await tx.notification.count()).toBeGreaterThan(before); // written inside…
        throw new Error('roll back');
      }),
    ).rejects.toThrow('roll back');
    expect(await database.db.notification.count()).toBe(before); // …and gone with the change
  });

  it('is delivered after commit: mail with both parts and the link, signed webhook, Block Kit to Slack', async () => {
    const summary = await deliverNotifications(deps, settings);
    expect(summary).toMatchObject({ sent: 4, retrying: 0, failed: 0 });

    const toBob = smtp.mails.find((m) => m.envelopeTo.includes('bob@example.com'))!;
    expect(toBob.envelopeTo).toEqual(['bob@example.com']);
    expect(smtp.mails.flatMap((m) => m.envelopeTo)).not.toContain('alice@example.com');
    const link = `${BASE}/inbox/${requestId}`;
    expect(toBob.mail.subject).toBe('Approve? Alice Adams wants editor on feature-flags for 30 min');
    expect(toBob.mail.text).toContain(link);
    expect(toBob.mail.text).toContain('INC-42 <b>flag</b> rollback');
    expect(toBob.mail.html).toContain(`href="${link}"`);
    expect(toBob.mail.html).toContain('INC-42 &#60;b&#62;flag&#60;/b&#62; rollback'); // user text escaped, not markup
    expect(toBob.raw).toContain(`List-Unsubscribe: <${BASE}/settings/notifications>`);
    const row = (await outbox(requestId)).find((r) => r.channel === 'email' && r.recipientId)!;
    expect(smtp.mails.map((m) => m.mail.messageId)).toContain(`<${row.id}@example.test>`);
    for (const mail of smtp.mails) for (const secret of secrets()) expect(mail.raw).not.toContain(secret);

    const delivery = hook.deliveries.at(-1)!;
    expect(documentedVerifier()(Buffer.from(delivery.rawBody), String(delivery.headers['timebox-signature']), WEBHOOK_SECRET)).toBe(true);
    expect(documentedVerifier()(Buffer.from(delivery.rawBody), String(delivery.headers['timebox-signature']), 'another-secret-entirely')).toBe(false);
    const event = JSON.parse(delivery.rawBody);
    expect(event).toMatchObject({ type: 'notification.request_needs_approval', link, request: { id: requestId, requester: 'alice@example.com', resource: 'feature-flags', role: 'editor' } });
    expect(delivery.headers['idempotency-key']).toBe(event.id);
    for (const secret of secrets()) expect(delivery.rawBody).not.toContain(secret);

    expect(slack.problems).toEqual([]);
    const message = slack.payloads.at(-1)!;
    expect(message.blocks.map((b) => b.type)).toEqual(['header', 'section', 'actions']);
    expect(JSON.stringify(message)).toContain('INC-42 &lt;b&gt;flag&lt;/b&gt; rollback');
    expect(message.blocks[2]).toMatchObject({ elements: [{ type: 'button', text: { text: 'Review' }, url: link }] });
  });

  it('tells the requester who decided (linking the grant), and follows up in Slack', async () => {
    const approved = await decideRequest(deps, await as('bob@example.com'), { requestId, decision: 'approve', comment: 'go ahead' });
    const grantId = approved.grant!.id;
    // Frank's "approve?" mail was delivered already; it stays sent. Nothing new goes to approvers.
    await deliverNotifications(deps, settings);
    const toAlice = smtp.mails.filter((m) => m.envelopeTo.includes('alice@example.com')).map((m) => m.mail);
    expect(toAlice).toHaveLength(2);
    expect(toAlice.map((m) => m.subject)).toEqual(
      expect.arrayContaining(["Approved by Bob Brown: Alice Adams's request for editor on feature-flags", expect.stringMatching(/^Active until \d{4}-\d\d-\d\d \d\d:\d\d UTC: editor on feature-flags$/)]),
    );
    for (const mail of toAlice) expect(mail.text).toContain(`${BASE}/grants/${grantId}`);
    expect(toAlice.find((m) => m.subject!.startsWith('Approved'))!.text).toContain('Comment: go ahead');
    const followUp = slack.payloads.at(-1)!;
    expect(followUp.text).toContain('Approved by Bob Brown');
    expect(followUp.blocks[2]).toMatchObject({ elements: [{ url: `${BASE}/grants/${grantId}` }] });
    expect(slack.problems).toEqual([]);
  });

  it('an approval of several tells the requester "1 of 2"', async () => {
    const request = await requestAccess(deps, await as('alice@example.com'), requestAccessInput.parse({ resource: 'billing-console', role: 'operator', durationMinutes: 20, justification: 'refund for the test' }));
    await decideRequest(deps, await as('bob@example.com'), { requestId: request.id, decision: 'approve' });
    await deliverNotifications(deps, settings);
    expect(smtp.mails.map((m) => m.mail.subject)).toContain('1 of 2 approvals: operator on billing-console (Bob Brown approved)');
  });

  it('a request decided before delivery drops its "approve?" messages', async () => {
    const request = await requestAccess(deps, await as('erin@example.com'), requestAccessInput.parse({ resource: 'feature-flags', role: 'editor', durationMinutes: 15, justification: 'quick for the test' }));
    await decideRequest(deps, await as('frank@example.com'), { requestId: request.id, decision: 'deny', comment: 'not now' });
    const rows = await outbox(request.id);
    const approve = rows.filter((r) => r.kind === 'request_needs_approval');
    expect(approve.filter((r) => r.channel !== 'inapp').map((r) => r.status)).toEqual(['skipped', 'skipped', 'skipped', 'skipped']);
    // The bell keeps its entries (already delivered); they open the request, which shows the decision.
    expect(approve.filter((r) => r.channel === 'inapp').map((r) => r.status)).toEqual(['sent', 'sent']);
    const sentBefore = slack.payloads.length;
    await deliverNotifications(deps, settings);
    const denial = smtp.mails.find((m) => m.envelopeTo.includes('erin@example.com'))!.mail;
    expect(denial.subject).toBe("Denied by Frank Fischer: Erin Evans's request for editor on feature-flags");
    expect(denial.text).toContain('Comment: not now');
    expect(slack.payloads.length).toBe(sentBefore); // never announced in Slack, so no follow-up either
  });
});

describe('break-glass', () => {
  it('tells every approver of the role and every auditor in the same transaction, urgent, and delivers it', async () => {
    const entitlement = await database.db.entitlement.findFirstOrThrow({ where: { role: 'editor', resource: { slug: 'feature-flags' } } });
    await database.db.policy.update({ where: { entitlementId: entitlement.id }, data: { breakGlassAllowed: true, breakGlassMaxMinutes: 30 } });
    const request = await requestAccess(
      deps,
      await as('erin@example.com'),
      requestAccessInput.parse({ resource: 'feature-flags', role: 'editor', durationMinutes: 15, justification: 'INC-77 flags stuck on, customers down', breakGlass: true }),
    );
    const rows = (await outbox(request.id)).filter((n) => n.kind === 'break_glass_started');
    const recipients = await database.db.user.findMany({ where: { id: { in: rows.map((n) => n.recipientId).filter((id): id is string => id !== null) } } });
    expect(new Set(recipients.map((u) => u.email))).toEqual(new Set(['bob@example.com', 'frank@example.com', 'dave@example.com']));
    expect(rows.every((n) => n.grantId === request.grant!.id)).toBe(true);

    await deliverNotifications(deps, settings);
    const toDave = smtp.mails.filter((m) => m.envelopeTo.includes('dave@example.com'));
    expect(toDave.map((m) => m.mail.subject ?? '').some((subject) => /break-glass|broke glass/i.test(subject))).toBe(true);
  });
});
