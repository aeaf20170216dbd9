import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { portalConnector } from '@/lib/connectors/portal/portal-connector';
import type { Connector } from '@/lib/connectors/types';
import { createWebhookConnector } from '@/lib/connectors/webhook';
import type { ResourceKind } from '@/lib/db/generated/enums';
import { revokeBackoffMs, stuckRevocationAttempts } from '@/lib/domain/grant-status';
import { manualClock, minutes } from '@/lib/domain/clock';
import { requestAccessInput } from '@/lib/domain/request-input';
import { actorContext } from '@/lib/testing/actors';
import { createTestDatabase, type TestDatabase } from '@/lib/testing/test-db';
import { startWebhookReceiver, type WebhookReceiver } from '@/lib/testing/webhook-receiver';
import type { ServiceDeps } from '../deps';
import { checkHealth } from '../health';
import { requestAccess } from '../requests/request-access';
import { sweep } from '../sweep/sweep';
import { revokeGrant } from './revoke-grant';

// The seeded `deploy-pipeline` resource end to end through the services, against a real HTTP receiver
// that verifies every signature: activation and end are delivered and verified; a receiver that keeps
// failing leaves the grant in `revoking` (retried with backoff, audited, flagged by /api/health) until
// it is healthy again, and then the grant ends. A receiver refusing the activation fails the grant.
const SECRET = 'whsec-test-0123456789abcdef';
const clock = manualClock(new Date());
const env: Record<string, string | undefined> = { TARGET_DEPLOY_WEBHOOK_SECRET: SECRET };
let receiver: WebhookReceiver;
let database: TestDatabase;
let deps: ServiceDeps;

type Event = { id: string; type: string; reason?: string; grant: { id: string; userEmail: string; resource: string; role: string; expiresAt: string } };
const eventsFor = (grantId: string) => (receiver.events() as unknown as Event[]).filter((e) => e.grant.id === grantId);
const deliveriesFor = (grantId: string) => receiver.deliveries.filter((d) => d.rawBody.includes(grantId));

const deployer = async (email: string) =>
  requestAccess(deps, await actorContext(database.db, email), requestAccessInput.parse({ resource: 'deploy-pipeline', role: 'deployer', durationMinutes: 30, justification: 'hotfix REL-9' }));
const grantRow = (id: string) => database.db.grant.findUniqueOrThrow({ where: { id } });
const actionsOf = async (grantId: string) => (await database.db.auditEvent.findMany({ where: { grantId }, orderBy: { seq: 'asc' } })).map((e) => e.action);

describe('a webhook grant, end to end through the services', () => {
  beforeAll(async () => {
    // The connector signs with the services' (moved) clock; the receiver allows for that.
    receiver = await startWebhookReceiver({ secret: SECRET, toleranceSeconds: 24 * 3600 });
    env.TARGET_DEPLOY_WEBHOOK_URL = receiver.url;
    database = await createTestDatabase('demo');
    const webhook = createWebhookConnector({ env, clock, provisionRetryDelaysMs: [20] });
    deps = { db: database.db, clock, connectors: new Map<ResourceKind, Connector>([['portal', portalConnector], ['webhook', webhook]]) };
  });
  afterAll(async () => {
    await receiver?.stop();
    await database?.close();
  });

  it('delivers grant.activated and grant.ended, signed and verified, with the grant’s facts', async () => {
    clock.set(new Date());
    const request = await deployer('alice@example.com');
    const grantId = request.grant!.id;
    expect(request.grant).toMatchObject({ status: 'active' });
    expect(eventsFor(grantId)).toEqual([
      expect.objectContaining({ type: 'grant.activated', grant: expect.objectContaining({ id: grantId, userEmail: 'alice@example.com', resource: 'deploy-pipeline', role: 'deployer', expiresAt: request.grant!.expiresAt }) }),
    ]);

    clock.advance(minutes(30));
    expect(await sweep(deps)).toMatchObject({ grantsEnding: 1, grantsEnded: 1 });
    expect((await grantRow(grantId)).status).toBe('expired');
    expect(eventsFor(grantId).map((e) => [e.type, e.reason])).toEqual([
      ['grant.activated', undefined],
      ['grant.ended', 'expired'],
    ]);
    expect(deliveriesFor(grantId).every((d) => d.problem === null && d.status === 200)).toBe(true);
    expect(await actionsOf(grantId)).toEqual(['grant.created', 'grant.provisioning', 'grant.activated', 'grant.ending', 'grant.expired']);
  });

  it('tells the receiver at once on an early revoke', async () => {
    clock.set(new Date());
    const request = await deployer('erin@example.com');
    const revoked = await revokeGrant(deps, await actorContext(database.db, 'erin@example.com'), { grantId: request.grant!.id, reason: 'deployed' });
    expect(revoked.status).toBe('revoked');
    expect(eventsFor(request.grant!.id).map((e) => [e.type, e.reason])).toEqual([
      ['grant.activated', undefined],
      ['grant.ended', 'ended-early'],
    ]);
  });

  it('keeps a grant in revoking while the receiver fails, flags it when stuck, and ends it when the receiver is healthy', async () => {
    clock.set(new Date());
    const request = await deployer('frank@example.com');
    const grantId = request.grant!.id;
    receiver.failNext(1_000, 503);

    clock.advance(minutes(30));
    expect(await sweep(deps)).toMatchObject({ grantsEnding: 1, grantsEnded: 0, deprovisionRetries: 1 });
    expect(await grantRow(grantId)).toMatchObject({ status: 'revoking', revokeAttempts: 1, lastError: expect.stringContaining('answered HTTP 503') });
    expect((await grantRow(grantId)).lastError).not.toContain(SECRET);

    // Every retry waits its backoff; keep failing until the revocation counts as stuck.
    for (let attempt = 2; attempt <= stuckRevocationAttempts; attempt++) {
      clock.advance(revokeBackoffMs(attempt - 1));
      expect((await sweep(deps)).deprovisionRetries).toBe(1);
    }
    expect(await grantRow(grantId)).toMatchObject({ status: 'revoking', revokeAttempts: stuckRevocationAttempts });
    expect((await checkHealth(database.db)).warnings).toEqual([expect.stringContaining('1 revocation(s) have failed')]);
    // Not due yet: a sweep before the backoff has passed leaves it alone.
    expect((await sweep(deps)).deprovisionRetries).toBe(0);

    receiver.failNext(0);
    clock.advance(revokeBackoffMs(stuckRevocationAttempts));
    expect((await sweep(deps)).grantsEnded).toBe(1);
    expect(await grantRow(grantId)).toMatchObject({ status: 'expired', lastError: null });
    expect((await checkHealth(database.db)).warnings).toBeUndefined();

    // Every try carried the same event id, so the receiver acted on grant.ended once.
    const endedTries = deliveriesFor(grantId).filter((d) => JSON.parse(d.rawBody).type === 'grant.ended');
    expect(endedTries).toHaveLength(stuckRevocationAttempts + 1);
    expect(new Set(endedTries.map((d) => JSON.parse(d.rawBody).id)).size).toBe(1);
    expect(endedTries.every((d) => d.problem === null)).toBe(true);
    expect(eventsFor(grantId).map((e) => e.type)).toEqual(['grant.activated', 'grant.ended']);
    expect(await actionsOf(grantId)).toEqual([
      'grant.created',
      'grant.provisioning',
      'grant.activated',
      'grant.ending',
      ...Array<string>(stuckRevocationAttempts).fill('grant.deprovision_failed'),
      'grant.expired',
    ]);
  });

  it('fails the grant, with the reason, when the receiver refuses the activation', async () => {
    clock.set(new Date());
    receiver.failNext(1_000, 500);
    try {
      const request = await deployer('bob@example.com');
      const grant = await grantRow(request.grant!.id);
      expect(grant).toMatchObject({ status: 'failed', failureReason: expect.stringContaining('answered HTTP 500') });
      expect(await actionsOf(grant.id)).toEqual(['grant.created', 'grant.provisioning', 'grant.failed']);
    } finally {
      receiver.failNext(0);
    }
  });
});
