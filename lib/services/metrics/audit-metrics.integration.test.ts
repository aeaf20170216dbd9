import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { appendAuditAt } from '@/lib/testing/audit-history';
import { rawAuditEvent } from '@/lib/testing/raw-audit-event';
import { defaultConnectors } from '@/lib/connectors/registry';
import { manualClock } from '@/lib/domain/clock';
import { requestAccessInput } from '@/lib/domain/request-input';
import { actorContext } from '@/lib/testing/actors';
import { expectAppError } from '@/lib/testing/expect-app-error';
import { createTestDatabase, type TestDatabase } from '@/lib/testing/test-db';
import type { ServiceDeps } from '../deps';
import { requestAccess } from '../requests/request-access';
import { getAuditMetrics, type AuditMetrics } from './audit-metrics';
import { DAY_MS, utcDay } from './sql-time';

// The metric queries against a real database: the demo seed, two requests made through the service,
// and rows written with chosen timestamps (requests and grants are ordinary mutable tables; audit
// events are signed like appendAudit's, dated by appendAuditAt past the database's time trigger).

let database: TestDatabase;
let deps: ServiceDeps;
const now = new Date();
const clock = manualClock(now);
const SECOND = 1000;
const ago = (ms: number) => new Date(now.getTime() - ms);

const as = (email: string) => actorContext(database.db, email);
const entitlement = (slug: string, role: string) => database.db.entitlement.findFirstOrThrow({ where: { role, resource: { slug } } });
const userId = async (email: string) => (await database.db.user.findUniqueOrThrow({ where: { email } })).id;

interface RequestRow {
  slug: string;
  role: string;
  createdAt: Date;
  decidedAt?: Date | null;
  status?: 'pending' | 'approved' | 'denied' | 'cancelled' | 'expired';
  autoApproved?: boolean;
  breakGlass?: boolean;
}

async function insertRequest(row: RequestRow) {
  const ent = await entitlement(row.slug, row.role);
  return database.db.accessRequest.create({
    data: {
      requesterId: await userId('erin@example.com'),
      entitlementId: ent.id,
      durationMinutes: 30,
      justification: 'metrics fixture',
      status: row.status ?? 'approved',
      autoApproved: row.autoApproved ?? false,
      breakGlass: row.breakGlass ?? false,
      createdAt: row.createdAt,
      decidedAt: row.decidedAt ?? null,
      expiresAt: new Date(row.createdAt.getTime() + DAY_MS),
    },
  });
}

async function insertGrant(slug: string, role: string, grant: { createdAt: Date; status?: 'active' | 'revoking' | 'expired' | 'revoked'; expiresAt?: Date; revokeAttempts?: number }) {
  const request = await insertRequest({ slug, role, createdAt: grant.createdAt, decidedAt: grant.createdAt, autoApproved: true });
  return database.db.grant.create({
    data: {
      requestId: request.id,
      userId: request.requesterId,
      entitlementId: request.entitlementId,
      status: grant.status ?? 'expired',
      startsAt: grant.createdAt,
      expiresAt: grant.expiresAt ?? new Date(grant.createdAt.getTime() + 30 * 60_000),
      revokeAttempts: grant.revokeAttempts ?? 0,
      createdAt: grant.createdAt,
    },
  });
}

let metrics: AuditMetrics;

beforeAll(async () => {
  database = await createTestDatabase('demo');
  deps = { db: database.db, clock, connectors: defaultConnectors() };
  // Nothing yet: the seed makes no requests or grants.
  metrics = await getAuditMetrics(deps, await as('dave@example.com'));
  expect(metrics.counts).toMatchObject({ activeGrants: 0, pendingRequests: 0, revocationsWaiting: 0, revocationsFailing: 0, driftFound: 0 });
  expect(metrics.decisionTime).toEqual({ windowDays: 30, decisions: 0, medianSeconds: null, p95Seconds: null });
  expect(metrics.grantsByResource.series).toEqual([]);

  // Through the service: one auto-approved (active) grant for alice, one pending request for her.
  await requestAccess(deps, await as('alice@example.com'), requestAccessInput.parse({ resource: 'feature-flags', role: 'admin', durationMinutes: 45, justification: 'flag cleanup' }));
  await requestAccess(deps, await as('alice@example.com'), requestAccessInput.parse({ resource: 'feature-flags', role: 'editor', durationMinutes: 30, justification: 'rollout for the test' }));

  // Human decisions in the window, waits 60 s, 120 s, 180 s, 240 s and 1 h …
  for (const wait of [60, 120, 180, 240, 3600]) {
    const createdAt = ago(2 * DAY_MS + wait * SECOND);
    await insertRequest({ slug: 'billing-console', role: 'operator', createdAt, decidedAt: ago(2 * DAY_MS), status: wait === 240 ? 'denied' : 'approved' });
  }
  // … and what must not count: decided 31 days ago, auto-approved, break-glass, cancelled, expired.
  await insertRequest({ slug: 'billing-console', role: 'operator', createdAt: ago(31 * DAY_MS + 9 * SECOND), decidedAt: ago(31 * DAY_MS) });
  await insertRequest({ slug: 'billing-console', role: 'operator', createdAt: ago(DAY_MS + 5000 * SECOND), decidedAt: ago(DAY_MS), autoApproved: true });
  await insertRequest({ slug: 'billing-console', role: 'operator', createdAt: ago(DAY_MS + 7000 * SECOND), decidedAt: ago(DAY_MS), breakGlass: true });
  await insertRequest({ slug: 'billing-console', role: 'operator', createdAt: ago(DAY_MS + 9000 * SECOND), decidedAt: ago(DAY_MS), status: 'cancelled' });
  await insertRequest({ slug: 'billing-console', role: 'operator', createdAt: ago(DAY_MS + 9000 * SECOND), decidedAt: ago(DAY_MS), status: 'expired' });

  // Grants over the last 14 days (plus one just outside), by resource.
  await insertGrant('prod-postgres', 'read-only', { createdAt: ago(3 * DAY_MS) });
  await insertGrant('prod-postgres', 'read-only', { createdAt: ago(3 * DAY_MS) });
  await insertGrant('prod-postgres', 'read-write', { createdAt: ago(13 * DAY_MS) });
  await insertGrant('prod-postgres', 'read-only', { createdAt: ago(15 * DAY_MS) });
  await insertGrant('status-page', 'editor', { createdAt: ago(DAY_MS), status: 'revoking', revokeAttempts: 0 });
  await insertGrant('status-page', 'editor', { createdAt: ago(DAY_MS), status: 'revoking', revokeAttempts: 3 });
  // "active" but its time is up: grants nothing any more, so it is not an active grant.
  await insertGrant('billing-console', 'operator', { createdAt: ago(2 * DAY_MS), status: 'active', expiresAt: ago(DAY_MS) });

  // Drift: two findings this week, one older, and a removal (a different action).
  const drift = (occurredAt: Date, action = 'reconcile.drift_found') =>
    appendAuditAt(database.db, rawAuditEvent({ actorLabel: 'system:reconciler', action, data: { resource: 'prod-postgres', principal: 'mallory', role: 'pg_write_all_data' } }), occurredAt);
  await drift(ago(DAY_MS));
  await drift(ago(6 * DAY_MS));
  await drift(ago(8 * DAY_MS));
  await drift(ago(DAY_MS), 'reconcile.drift_removed');

  metrics = await getAuditMetrics(deps, await as('dave@example.com'));
});
afterAll(async () => database?.close());

describe('getAuditMetrics', () => {
  it('counts live grants, pending requests, revocations and drift', () => {
    expect(metrics.counts).toEqual({ activeGrants: 1, pendingRequests: 1, revocationsWaiting: 2, revocationsFailing: 1, driftFound: 2, driftWindowDays: 7 });
  });

  it('measures median and p95 time to a human decision over the last 30 days', () => {
    expect(metrics.decisionTime.decisions).toBe(5);
    expect(metrics.decisionTime.medianSeconds).toBeCloseTo(180, 3);
    // percentile_cont interpolates: 240 + 0.8 × (3600 − 240).
    expect(metrics.decisionTime.p95Seconds).toBeCloseTo(2928, 3);
  });

  it('counts grants per resource per UTC day for 14 days, today last', () => {
    const { days, series } = metrics.grantsByResource;
    expect(days).toHaveLength(14);
    expect(days.at(-1)).toBe(utcDay(now));
    expect(days[0]).toBe(utcDay(ago(13 * DAY_MS)));
    const byResource = Object.fromEntries(series.map((s) => [s.resource, s]));
    expect(series.map((s) => s.resource)).toEqual(['prod-postgres', 'status-page', 'billing-console', 'feature-flags']);
    expect(byResource['prod-postgres']!.total).toBe(3);
    expect(byResource['prod-postgres']!.counts[days.indexOf(utcDay(ago(3 * DAY_MS)))]).toBe(2);
    expect(byResource['prod-postgres']!.counts[0]).toBe(1);
    expect(byResource['status-page']!.counts[days.indexOf(utcDay(ago(DAY_MS)))]).toBe(2);
    // The auto-approved request went through the service: a grant today.
    expect(byResource['feature-flags']!.counts.at(-1)).toBe(1);
    for (const s of series) expect(s.counts.reduce((a, b) => a + b, 0)).toBe(s.total);
  });

  it('is for auditors and admins only, and a token needs the audit scope', async () => {
    const asAdmin = await getAuditMetrics(deps, await as('carol@example.com'));
    expect(asAdmin).toMatchObject({ counts: { activeGrants: 1 } });
    await expectAppError(getAuditMetrics(deps, await as('alice@example.com')), 'forbidden');
    await expectAppError(getAuditMetrics(deps, await as('bob@example.com')), 'forbidden');
    await expectAppError(getAuditMetrics(deps, await actorContext(database.db, 'dave@example.com', ['grants'])), 'forbidden');
    // An auditor's token with the audit scope reads the very same figures as an admin.
    expect(await getAuditMetrics(deps, await actorContext(database.db, 'dave@example.com', ['audit']))).toEqual(asAdmin);
  });

  it('moves its windows with the clock', async () => {
    clock.set(new Date(now.getTime() + 30 * DAY_MS));
    try {
      const later = await getAuditMetrics(deps, await as('dave@example.com'));
      expect(later.decisionTime.decisions).toBe(0);
      expect(later.counts.driftFound).toBe(0);
      expect(later.counts.activeGrants).toBe(0);
      expect(later.grantsByResource.series).toEqual([]);
    } finally {
      clock.set(now);
    }
  });
});
