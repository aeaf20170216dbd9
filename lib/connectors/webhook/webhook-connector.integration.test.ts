import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startWebhookReceiver, type WebhookReceiver } from '@/lib/testing/webhook-receiver';
import type { GrantTarget } from '../types';
import { createWebhookConnector } from './webhook-connector';
import { verifyTimeboxSignature } from './webhook-signature';

// A real HTTP receiver on loopback that verifies signatures the way the docs tell receivers to.
const secret = 'test-secret-0123456789abcdef';
let receiver: WebhookReceiver;

const settings = { urlEnv: 'TARGET_DEPLOY_WEBHOOK_URL', secretEnv: 'TARGET_DEPLOY_WEBHOOK_SECRET' };
const env = (overrides: Record<string, string | undefined> = {}) => ({ TARGET_DEPLOY_WEBHOOK_URL: receiver.url, TARGET_DEPLOY_WEBHOOK_SECRET: secret, ...overrides });
const fastRetries = { provisionRetryDelaysMs: [50, 50] };

function target(resourceSettings: Record<string, unknown> = settings): GrantTarget {
  return {
    grantId: `grant-${Math.random().toString(36).slice(2, 10)}`,
    user: { id: 'u1', email: 'alice@example.com' },
    resource: { id: 'r1', slug: 'deploy-pipeline', kind: 'webhook', settings: resourceSettings },
    entitlement: { id: 'e1', role: 'deployer', settings: {} },
    startsAt: new Date(Date.now() - 1_000),
    expiresAt: new Date(Date.now() + 30 * 60_000),
    targetState: {},
  };
}

beforeAll(async () => {
  receiver = await startWebhookReceiver({ secret });
});
afterAll(async () => {
  await receiver.stop();
});

describe('webhook connector against a real HTTP receiver', () => {
  it('delivers grant.activated and grant.ended, signed, and the receiver verifies both', async () => {
    const connector = createWebhookConnector({ env: env() });
    const t = target();
    const before = receiver.deliveries.length;
    expect(await connector.provision(t)).toEqual({});
    await connector.deprovision(t);

    const [activated, ended] = receiver.deliveries.slice(before);
    for (const d of [activated!, ended!]) {
      expect(d).toMatchObject({ problem: null, status: 200 });
      expect(d.headers['content-type']).toBe('application/json');
      expect(verifyTimeboxSignature(d.rawBody, d.headers['timebox-signature'] as string, secret)).toBe(true);
      expect(d.headers['idempotency-key']).toBe(JSON.parse(d.rawBody).id);
    }
    const a = JSON.parse(activated!.rawBody);
    expect(a).toEqual({
      id: expect.stringMatching(/^evt_[0-9a-f]{32}$/),
      type: 'grant.activated',
      createdAt: expect.any(String),
      grant: { id: t.grantId, userEmail: 'alice@example.com', resource: 'deploy-pipeline', role: 'deployer', startsAt: t.startsAt.toISOString(), expiresAt: t.expiresAt.toISOString() },
    });
    expect(JSON.parse(ended!.rawBody)).toMatchObject({ type: 'grant.ended', reason: 'ended-early', grant: { id: t.grantId } });
    expect(JSON.parse(ended!.rawBody).id).not.toBe(a.id);
  });

  it('re-sends a retried event with the same id, so the receiver keeps one', async () => {
    const connector = createWebhookConnector({ env: env() });
    const t = target();
    await connector.deprovision(t);
    await connector.deprovision(t);
    const mine = receiver.deliveries.filter((d) => JSON.parse(d.rawBody).grant.id === t.grantId);
    expect(mine).toHaveLength(2);
    expect(mine[0]!.headers['idempotency-key']).toBe(mine[1]!.headers['idempotency-key']);
    expect(receiver.events().filter((e) => (e.grant as { id: string }).id === t.grantId)).toHaveLength(1);
  });

  it('throws when the receiver answers 500, so the grant stays revoking; succeeds once it is healthy', async () => {
    const connector = createWebhookConnector({ env: env() });
    const t = target();
    receiver.failNext(1, 500);
    await expect(connector.deprovision(t)).rejects.toThrow(`webhook ${new URL(receiver.url).host} answered HTTP 500`);
    await expect(connector.deprovision(t)).resolves.toBeUndefined();
  });

  it('retries provision inline on a 5xx, and gives up after three tries with the last reason', async () => {
    const connector = createWebhookConnector({ env: env(), ...fastRetries });
    receiver.failNext(2, 503);
    const before = receiver.deliveries.length;
    await expect(connector.provision(target())).resolves.toEqual({});
    expect(receiver.deliveries.slice(before).map((d) => d.status)).toEqual([503, 503, 200]);

    receiver.failNext(3, 502);
    await expect(connector.provision(target())).rejects.toThrow(/answered HTTP 502/);
    receiver.failNext(0);
  });

  it('does not retry provision when the receiver refuses the signature (wrong secret)', async () => {
    const connector = createWebhookConnector({ env: env({ TARGET_DEPLOY_WEBHOOK_SECRET: 'not-the-receivers-secret' }), ...fastRetries });
    const before = receiver.deliveries.length;
    await expect(connector.provision(target())).rejects.toThrow(/answered HTTP 401/);
    const refused = receiver.deliveries.slice(before);
    expect(refused).toHaveLength(1);
    expect(refused[0]!.problem).toBe('signature does not match');
  });

  it('honours timeoutMs against a receiver that hangs', async () => {
    const connector = createWebhookConnector({ env: env() });
    receiver.setDelay(3_000);
    try {
      const started = Date.now();
      await expect(connector.deprovision(target({ ...settings, timeoutMs: 300 }))).rejects.toThrow(/did not answer within 300 ms/);
      expect(Date.now() - started).toBeLessThan(1_500);
    } finally {
      receiver.setDelay(0);
    }
  });

  it('a receiver with a tight tolerance refuses a delivery signed with an old clock', async () => {
    const strict = await startWebhookReceiver({ secret, toleranceSeconds: 60 });
    try {
      const skewed = createWebhookConnector({ env: env({ TARGET_DEPLOY_WEBHOOK_URL: strict.url }), clock: { now: () => new Date(Date.now() - 120_000) } });
      await expect(skewed.deprovision(target())).rejects.toThrow(/HTTP 401/);
      expect(strict.deliveries[0]!.problem).toBe('signature timestamp outside the tolerance window');
      await expect(createWebhookConnector({ env: env({ TARGET_DEPLOY_WEBHOOK_URL: strict.url }) }).deprovision(target())).resolves.toBeUndefined();
    } finally {
      await strict.stop();
    }
  });

  it('explains a receiver that is down without the URL path, query or secret', async () => {
    const gone = await startWebhookReceiver({ secret });
    await gone.stop(); // its port now refuses connections
    const port = new URL(gone.url).port;
    const url = `http://127.0.0.1:${port}/hooks?token=hunter2-path-token`;
    const connector = createWebhookConnector({ env: env({ TARGET_DEPLOY_WEBHOOK_URL: url }), ...fastRetries });
    const error = (await connector.provision(target()).catch((e: unknown) => e)) as Error;
    expect(error.message).toBe(`webhook unreachable: connect ECONNREFUSED 127.0.0.1:${port}`);
    expect(error.message).not.toMatch(/hunter2|test-secret/);
  });

  it('names the missing environment variable or the bad setting', async () => {
    const t = target();
    await expect(createWebhookConnector({ env: env({ TARGET_DEPLOY_WEBHOOK_URL: undefined }) }).provision(t)).rejects.toThrow(
      'webhook resource "deploy-pipeline": environment variable TARGET_DEPLOY_WEBHOOK_URL is not set',
    );
    await expect(createWebhookConnector({ env: env({ TARGET_DEPLOY_WEBHOOK_SECRET: '' }) }).deprovision(t)).rejects.toThrow(/TARGET_DEPLOY_WEBHOOK_SECRET is not set/);
    await expect(createWebhookConnector({ env: env({ TARGET_DEPLOY_WEBHOOK_SECRET: 'short' }) }).deprovision(t)).rejects.toThrow(/must be at least 16 characters/);
    await expect(createWebhookConnector({ env: env({ TARGET_DEPLOY_WEBHOOK_URL: 'ftp://x/secret-path' }) }).deprovision(t)).rejects.toThrow(/TARGET_DEPLOY_WEBHOOK_URL must be an http/);
    await expect(createWebhookConnector({ env: env() }).provision(target({ urlEnv: 'url' }))).rejects.toThrow(/misconfigured: settings\.urlEnv must be an environment variable name starting with TARGET_/);
    // Timebox's own configuration is never a webhook's URL or secret: refused before the variable is read.
    const own = createWebhookConnector({ env: env({ AUTH_SECRET: 'a'.repeat(32) }) });
    await expect(own.provision(target({ ...settings, secretEnv: 'AUTH_SECRET' }))).rejects.toThrow(/settings\.secretEnv must be an environment variable name starting with TARGET_/);
    await expect(createWebhookConnector({ env: env() }).provision(target({ ...settings, timeoutMs: 5 }))).rejects.toThrow('settings.timeoutMs must be at least 100');
  });

  it('reports the window as access, and no drift', async () => {
    const connector = createWebhookConnector({ env: env() });
    const t = target();
    expect(await connector.verify(t)).toBe(true);
    expect(await connector.verify({ ...t, expiresAt: new Date(Date.now() - 1) })).toBe(false);
    expect(await connector.listActual(t.resource, [])).toEqual([]);
  });
});
