import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { defaultConnectors } from '@/lib/connectors/registry';
import { manualClock, minutes } from '@/lib/domain/clock';
import { requestAccessInput } from '@/lib/domain/request-input';
import { actorContext } from '@/lib/testing/actors';
import { expectAppError } from '@/lib/testing/expect-app-error';
import { createTestDatabase, type TestDatabase } from '@/lib/testing/test-db';
import type { ServiceDeps } from '../deps';
import { checkAccess } from '../grants/check-access';
import { extendGrant } from '../grants/extend-grant';
import { getGrant, listGrants } from '../grants/queries';
import { revokeGrant } from '../grants/revoke-grant';
import { checkHealth } from '../health';
import { getAuditMetrics } from '../metrics/audit-metrics';
import { getRequest } from '../requests/queries';
import { requestAccess } from '../requests/request-access';
import { sweep } from '../sweep/sweep';
import { getBreakGlassReview, listReviewQueue } from './review-queue';
import { reviewBreakGlass } from './review-break-glass';

// Every break-glass rule of issue 9 through the services, on the demo organisation (portal roles, so
// "access" is what checkAccess answers). The real-target case is in postgres-break-glass.integration.test.ts.
let database: TestDatabase;
let deps: ServiceDeps;
const clock = manualClock(new Date());

const policyOf = async (resource: string, role: string) => (await database.db.entitlement.findFirstOrThrow({ where: { role, resource: { slug: resource } } })).id;

beforeAll(async () => {
  database = await createTestDatabase('demo');
  deps = { db: database.db, clock, connectors: defaultConnectors() };
  // Test data: break-glass on three portal roles (the demo turns it on for prod-postgres/read-write only).
  await database.db.policy.update({ where: { entitlementId: await policyOf('feature-flags', 'editor') }, data: { breakGlassAllowed: true, breakGlassMaxMinutes: 30 } });
  await database.db.policy.update({ where: { entitlementId: await policyOf('status-page', 'editor') }, data: { breakGlassAllowed: true, breakGlassMaxMinutes: 60 } });
  await database.db.policy.update({ where: { entitlementId: await policyOf('billing-console', 'operator') }, data: { breakGlassAllowed: true, breakGlassMaxMinutes: 30, breakGlassGroups: ['sre-leads'] } });
});
afterAll(async () => database?.close());

const as = (email: string) => actorContext(database.db, email);
const breakGlass = async (email: string, input: Record<string, unknown>) => requestAccess(deps, await as(email), requestAccessInput.parse({ breakGlass: true, ...input }));
const why = 'INC-42 primary is down, need to flip the failover flag';
const checker = () => as('carol@example.com').then((c) => ({ ...c, token: { id: 'check', scopes: ['check_any' as const] } }));
const actions = (where: { requestId?: string; grantId?: string; action?: { startsWith: string } }) =>
  database.db.auditEvent.findMany({ where, orderBy: { seq: 'asc' } }).then((events) => events.map((e) => e.action));
const end = async (grantId: string) => revokeGrant(deps, await as('carol@example.com'), { grantId, reason: 'test cleanup' });

describe('breaking glass', () => {
  it('grants at once without anyone approving, marked for review, through the normal state machine', async () => {
    const request = await breakGlass('alice@example.com', { resource: 'feature-flags', role: 'editor', durationMinutes: 30, justification: why });
    expect(request).toMatchObject({ status: 'approved', breakGlass: true, autoApproved: false, reviews: [], grant: { status: 'active', breakGlass: true, needsReview: true, review: null } });
    const grantId = request.grant!.id;
    expect(await checkAccess(deps, await checker(), { user: 'alice@example.com', resource: 'feature-flags', role: 'editor' })).toMatchObject({ allowed: true, grantId });
    expect(await actions({ requestId: request.id })).toEqual(['request.created', 'request.auto_approved', 'grant.created', 'grant.break_glass_started', 'grant.provisioning', 'grant.activated']);
    const started = await database.db.auditEvent.findFirstOrThrow({ where: { grantId, action: 'grant.break_glass_started' } });
    expect(started).toMatchObject({ actorId: (await as('alice@example.com')).actor.id, data: { justification: why, ticket: null, durationMinutes: 30, resource: 'feature-flags', role: 'editor' } });
    expect((await listGrants(deps, await as('alice@example.com'), {})).find((g) => g.id === grantId)).toMatchObject({ breakGlass: true });

    // Not extendable; a second one on the same role while it lives is a conflict.
    await expectAppError(extendGrant(deps, await as('alice@example.com'), { grantId, minutes: 10, justification: 'need a bit more time' }), 'forbidden', { message: /cannot be extended/ });
    await expectAppError(breakGlass('alice@example.com', { resource: 'feature-flags', role: 'editor', durationMinutes: 10, justification: why }), 'conflict');

    // Ends at its time like any grant.
    clock.advance(minutes(30) + 1);
    expect(await sweep(deps)).toMatchObject({ grantsEnded: 1 });
    expect((await getGrant(deps, await as('alice@example.com'), grantId)).status).toBe('expired');
  });

  it('checks duration, justification and the ticket rule, every input at once', async () => {
    const error = await expectAppError(breakGlass('erin@example.com', { resource: 'status-page', role: 'editor', durationMinutes: 61, justification: 'too short' }), 'unprocessable');
    expect(error.details?.fields).toEqual({
      durationMinutes: 'Break-glass access lasts at most 60 minutes.',
      justification: expect.stringMatching(/at least 20 characters/),
      ticket: 'A ticket is required.',
    });
    await expectAppError(breakGlass('erin@example.com', { resource: 'status-page', role: 'editor', durationMinutes: 20, justification: why, ticket: 'not a ticket' }), 'unprocessable', { field: 'ticket' });
    await expectAppError(breakGlass('erin@example.com', { resource: 'feature-flags', role: 'editor', durationMinutes: 10, justification: why, startAt: new Date(clock.now().getTime() + minutes(60)).toISOString() }), 'unprocessable', { field: 'startAt' });
    const ok = await breakGlass('erin@example.com', { resource: 'status-page', role: 'editor', durationMinutes: 20, justification: why, ticket: 'OPS-9' });
    expect(ok.grant).toMatchObject({ status: 'active', breakGlass: true });
    expect((await database.db.auditEvent.findFirstOrThrow({ where: { grantId: ok.grant!.id, action: 'grant.break_glass_started' } })).data).toMatchObject({ ticket: 'OPS-9', justification: why });
    await end(ok.grant!.id);
  });

  it('answers 403 when the policy has break-glass off, and never bypasses eligibility or the narrower list', async () => {
    await expectAppError(breakGlass('alice@example.com', { resource: 'feature-flags', role: 'admin', durationMinutes: 10, justification: why }), 'forbidden', { message: /Break-glass is not allowed for this role/ });
    await expectAppError(breakGlass('carol@example.com', { resource: 'feature-flags', role: 'editor', durationMinutes: 10, justification: why }), 'forbidden', { message: /not eligible/ });
    await expectAppError(breakGlass('alice@example.com', { resource: 'billing-console', role: 'operator', durationMinutes: 10, justification: why }), 'forbidden', { message: /Only members of sre-leads/ });
    const bob = await breakGlass('bob@example.com', { resource: 'billing-console', role: 'operator', durationMinutes: 10, justification: why });
    expect(bob.grant).toMatchObject({ status: 'active' });
    await end(bob.grant!.id);
    expect(await database.db.grant.count({ where: { user: { email: 'alice@example.com' }, status: 'active' } })).toBe(0);
  });

  it('supersedes the breaker’s own pending request for the role, so approving it later cannot make a second grant', async () => {
    const pending = await requestAccess(deps, await as('erin@example.com'), requestAccessInput.parse({ resource: 'feature-flags', role: 'editor', durationMinutes: 30, justification: 'normal ask' }));
    expect(pending.status).toBe('pending');
    const emergency = await breakGlass('erin@example.com', { resource: 'feature-flags', role: 'editor', durationMinutes: 15, justification: why });
    expect((await getRequest(deps, await as('erin@example.com'), pending.id)).status).toBe('cancelled');
    await end(emergency.grant!.id);
  });

  it('refuses (and audits) more than the daily limit per user, and allows again after 24 hours', async () => {
    const frank = await as('frank@example.com');
    for (let i = 0; i < 3; i++) {
      const r = await breakGlass('frank@example.com', { resource: 'feature-flags', role: 'editor', durationMinutes: 5, justification: why });
      await end(r.grant!.id);
    }
    const before = await database.db.grant.count();
    await expectAppError(breakGlass('frank@example.com', { resource: 'billing-console', role: 'operator', durationMinutes: 5, justification: why }), 'forbidden', { message: /3 times in the last 24 hours/ });
    expect(await database.db.grant.count()).toBe(before);
    const refused = await database.db.auditEvent.findFirstOrThrow({ where: { action: 'request.break_glass_refused', actorId: frank.actor.id } });
    expect(refused.data).toMatchObject({ resource: 'billing-console', role: 'operator', reason: 'rate_limit', limit: 3, inLast24h: 3 });

    clock.advance(minutes(24 * 60) + 1);
    const again = await breakGlass('frank@example.com', { resource: 'billing-console', role: 'operator', durationMinutes: 5, justification: why });
    expect(again.grant).toMatchObject({ status: 'active' });
    await end(again.grant!.id);
  });
});

describe('the review afterwards', () => {
  it('queues the grant for approvers who are not the holder; the first review counts and a racing second one is a conflict', async () => {
    const r = await breakGlass('alice@example.com', { resource: 'feature-flags', role: 'editor', durationMinutes: 20, justification: why });
    const grantId = r.grant!.id;
    expect((await listReviewQueue(deps, await as('bob@example.com'))).map((i) => i.grant.id)).toContain(grantId);
    expect((await listReviewQueue(deps, await as('frank@example.com'))).find((i) => i.grant.id === grantId)).toMatchObject({ justification: why, ticket: null, overdue: false });
    expect(await listReviewQueue(deps, await as('alice@example.com'))).toEqual([]);
    expect((await listReviewQueue(deps, await as('erin@example.com'))).map((i) => i.grant.id)).not.toContain(grantId);
    await expectAppError(reviewBreakGlass(deps, await as('erin@example.com'), { grantId, outcome: 'justified' }), 'not_found');
    await expectAppError(reviewBreakGlass(deps, await as('bob@example.com'), { grantId, outcome: 'not_justified' }), 'unprocessable', { field: 'comment' });

    const [bob, frank] = await Promise.allSettled([
      reviewBreakGlass(deps, await as('bob@example.com'), { grantId, outcome: 'justified', comment: 'matches INC-42' }),
      reviewBreakGlass(deps, await as('frank@example.com'), { grantId, outcome: 'not_justified', comment: 'should have paged me' }),
    ]);
    const settled = [bob, frank];
    expect(settled.filter((s) => s.status === 'fulfilled')).toHaveLength(1);
    const rejected = settled.filter((s) => s.status === 'rejected');
    expect(rejected).toHaveLength(1);
    expect((rejected[0] as PromiseRejectedResult).reason).toMatchObject({ code: 'conflict' });

    const reviews = await database.db.grantReview.findMany({ where: { grantId } });
    expect(reviews).toHaveLength(1);
    const winner = bob.status === 'fulfilled' ? 'bob@example.com' : 'frank@example.com';
    expect(await database.db.grant.findUniqueOrThrow({ where: { id: grantId } })).toMatchObject({ needsReview: false });
    const events = await database.db.auditEvent.findMany({ where: { grantId, action: 'grant.break_glass_reviewed' } });
    expect(events).toHaveLength(1);
    expect(events[0]!.data).toMatchObject({ reviewer: winner, outcome: reviews[0]!.outcome });
    expect((await listReviewQueue(deps, await as('bob@example.com'))).map((i) => i.grant.id)).not.toContain(grantId);
    await expectAppError(reviewBreakGlass(deps, await as('bob@example.com'), { grantId, outcome: 'justified' }), 'conflict');
    await end(grantId);
  });

  it('refuses the holder reviewing their own break-glass grant (403), even as an approver of the role', async () => {
    const r = await breakGlass('bob@example.com', { resource: 'feature-flags', role: 'editor', durationMinutes: 20, justification: why });
    await expectAppError(reviewBreakGlass(deps, await as('bob@example.com'), { grantId: r.grant!.id, outcome: 'justified' }), 'forbidden', { message: /your own/ });
    expect((await getBreakGlassReview(deps, await as('bob@example.com'), r.grant!.id)).canReview).toBe(false);
    const detail = await getBreakGlassReview(deps, await as('frank@example.com'), r.grant!.id);
    expect(detail).toMatchObject({ canReview: true, canEnd: false, justification: why });
    expect(detail.timeline!.events.map((e) => e.action)).toEqual(expect.arrayContaining(['grant.break_glass_started', 'grant.activated']));

    // An admin ends it from the review page (the same revoke path as anywhere).
    const carolView = await getBreakGlassReview(deps, await as('carol@example.com'), r.grant!.id);
    expect(carolView).toMatchObject({ canEnd: true, canReview: false });
    expect((await end(r.grant!.id)).status).toBe('revoked');
    // Ended is not reviewed: it stays in the queue until someone judges it.
    const reviewed = await reviewBreakGlass(deps, await as('frank@example.com'), { grantId: r.grant!.id, outcome: 'not_justified', comment: 'no incident open' });
    expect(reviewed).toMatchObject({ breakGlass: true, needsReview: false, review: { outcome: 'not_justified', comment: 'no incident open', reviewer: { email: 'frank@example.com' } } });
  });

  it('shows an unreviewed grant as overdue after 72 hours on the queue, the metrics and /api/health', async () => {
    const r = await breakGlass('erin@example.com', { resource: 'feature-flags', role: 'editor', durationMinutes: 10, justification: why });
    const grantId = r.grant!.id;
    expect((await checkHealth(database.db, 3_000, { now: clock.now() })).warnings ?? []).not.toContainEqual(expect.stringMatching(/break-glass/));
    clock.advance(minutes(72 * 60) + minutes(1));
    expect((await listReviewQueue(deps, await as('bob@example.com'))).find((i) => i.grant.id === grantId)).toMatchObject({ overdue: true });
    const health = await checkHealth(database.db, 3_000, { now: clock.now() });
    expect(health).toMatchObject({ status: 'ok', database: 'ok' });
    expect(health.warnings).toContainEqual(expect.stringMatching(/break-glass grant\(s\) unreviewed for more than 72 hours/));
    const metrics = await getAuditMetrics(deps, await as('dave@example.com'));
    expect(metrics.breakGlass.overdue).toBeGreaterThanOrEqual(1);
    expect(metrics.breakGlass.count).toBeGreaterThanOrEqual(1);
    expect(metrics.breakGlass.notJustified).toBeGreaterThanOrEqual(1);
    expect(metrics.breakGlass.reviewed).toBeGreaterThanOrEqual(1);
    expect(metrics.breakGlass.shareReviewed).toBeGreaterThan(0);
    expect(metrics.breakGlass.medianSecondsToReview).not.toBeNull();
    const overdueBefore = metrics.breakGlass.overdue;
    await reviewBreakGlass(deps, await as('bob@example.com'), { grantId, outcome: 'justified' });
    expect((await getAuditMetrics(deps, await as('dave@example.com'))).breakGlass.overdue).toBe(overdueBefore - 1);
  });
});
