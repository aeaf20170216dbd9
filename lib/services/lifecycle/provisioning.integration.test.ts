import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { portalConnector } from '@/lib/connectors/portal/portal-connector';
import type { Connector, GrantTarget } from '@/lib/connectors/types';
import type { ResourceKind } from '@/lib/db/generated/enums';
import { manualClock, minutes } from '@/lib/domain/clock';
import { PROVISIONING_LEASE_MS } from '@/lib/domain/revocation-lease';
import { requestAccessInput } from '@/lib/domain/request-input';
import { actorContext } from '@/lib/testing/actors';
import { createTestDatabase, type TestDatabase } from '@/lib/testing/test-db';
import type { ServiceDeps } from '../deps';
import { revokeGrant } from '../grants/revoke-grant';
import { requestAccess } from '../requests/request-access';
import { sweep } from '../sweep/sweep';

// The portal target, with its provision step under the test's control: `hang` leaves a call pending the
// way a process that died mid-call leaves it (nothing after it ever runs), `fail` makes the target refuse.
// What the "target" holds is tracked by grant id, so the test asserts access, not calls.
// A hanging call is released with `ok` (the default) or `fail`, in the order the calls began.
const target = { mode: 'ok' as 'ok' | 'hang' | 'fail', holds: new Set<string>(), release: [] as ((outcome?: 'ok' | 'fail') => void)[] };
const REFUSED = 'target refused: role "deployer" does not exist';
const controlled: Connector = {
  ...portalConnector,
  provision: async (t: GrantTarget) => {
    if (target.mode === 'fail') throw new Error(REFUSED);
    if (target.mode === 'hang' && (await new Promise<'ok' | 'fail'>((resolve) => target.release.push((outcome = 'ok') => resolve(outcome)))) === 'fail') throw new Error(REFUSED);
    target.holds.add(t.grantId);
    return {};
  },
  deprovision: async (t: GrantTarget) => {
    target.holds.delete(t.grantId);
  },
};

let database: TestDatabase;
let deps: ServiceDeps;
const clock = manualClock(new Date());

beforeAll(async () => {
  database = await createTestDatabase('demo');
  deps = { db: database.db, clock, connectors: new Map<ResourceKind, Connector>([['portal', controlled]]) };
  // Warm the pool: the first test's request must not pay for opening connections inside its transaction.
  await Promise.all(['alice@example.com', 'bob@example.com', 'carol@example.com', 'erin@example.com'].map((email) => as(email)));
});
afterAll(async () => database?.close());

const as = (email: string) => actorContext(database.db, email);
const statusOf = async (id: string) => (await database.db.grant.findUniqueOrThrow({ where: { id } })).status;
const trail = (grantId: string) =>
  database.db.auditEvent.findMany({ where: { grantId }, orderBy: { chainIndex: 'asc' }, select: { action: true, statusFrom: true, statusTo: true } });
/** Waits for a condition (the machine may be slow: a deadline, not a count of tries). */
const until = async (cond: () => Promise<boolean>, what: string) => {
  const deadline = Date.now() + 90_000;
  while (!(await cond()) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 200));
  expect(await cond(), what).toBe(true);
};

/** An auto-approved grant that starts now; its activation runs (or hangs, or fails) per target.mode. */
async function startGrant(email: string) {
  return requestAccess(deps, await as(email), requestAccessInput.parse({ resource: 'feature-flags', role: 'admin', durationMinutes: 20, justification: 'provisioning test' }));
}

/**
 * Starts an auto-approved grant whose provision call hangs in the target, and waits until that call is in:
 * claimed is not enough, the call must be in the target before the mode changes, or it would succeed.
 * `attempt` says when the call that started it returns (or throws: an error is an attempt that did not hang).
 */
async function startHangingGrant(email: string) {
  target.mode = 'hang';
  const attempt = { settled: false, error: '' };
  void startGrant(email)
    .catch((e: unknown) => (attempt.error = String(e)))
    .finally(() => (attempt.settled = true));
  let grantId = '';
  await until(async () => {
    const g = await database.db.grant.findFirst({ where: { user: { email }, status: 'provisioning' } });
    grantId = g?.id ?? '';
    return (g !== null && target.release.length === 1) || attempt.settled;
  }, `${email}'s grant is claimed and its call is in the target`);
  expect(attempt.error).toBe('');
  expect(attempt.settled).toBe(false);
  return { grantId, attempt };
}

describe('provisioning, as durable as revocation', () => {
  it('a crash mid-provisioning leaves the grant provisioning; the sweep re-drives it once the lease lapses', async () => {
    // The "process" that dies: its call does not return (until the end of the test, to check it does no harm).
    const { grantId, attempt: first } = await startHangingGrant('alice@example.com');
    expect(target.holds.has(grantId)).toBe(false);

    // Within the lease the sweep leaves it alone: the first process may still be working.
    target.mode = 'ok';
    expect((await sweep(deps)).provisioningResumed).toBe(0);
    expect(await statusOf(grantId)).toBe('provisioning');

    clock.advance(PROVISIONING_LEASE_MS + 1_000);
    const before = await database.db.grant.findUniqueOrThrow({ where: { id: grantId } });
    expect(before.nextAttemptAt!.getTime()).toBeLessThanOrEqual(clock.now().getTime());
    const summary = await sweep(deps);
    expect(summary, JSON.stringify({ now: clock.now(), next: before.nextAttemptAt, status: before.status })).toMatchObject({ provisioningResumed: 1, grantsActivated: 1 });
    expect(await statusOf(grantId)).toBe('active');
    expect(target.holds.has(grantId)).toBe(true);
    expect(await trail(grantId)).toEqual([
      { action: 'grant.created', statusFrom: null, statusTo: 'scheduled' },
      { action: 'grant.provisioning', statusFrom: 'scheduled', statusTo: 'provisioning' },
      { action: 'grant.provisioning_resumed', statusFrom: null, statusTo: null },
      { action: 'grant.activated', statusFrom: 'provisioning', statusTo: 'active' },
    ]);

    // The slow first call finally returns: the grant is someone else's now, its access stays.
    target.release.splice(0).forEach((r) => r());
    await until(async () => first.settled, 'the slow first call finished');
    expect(await statusOf(grantId)).toBe('active');
    expect(target.holds.has(grantId)).toBe(true);
    await revokeGrant(deps, await as('alice@example.com'), { grantId });
    expect(target.holds.has(grantId)).toBe(false);
  });

  it('a slow first attempt that fails after the sweep took over does not fail the attempt that replaced it', async () => {
    const { grantId, attempt: first } = await startHangingGrant('alice@example.com');

    // Its lease lapses; the sweep re-drives the grant, and that second call is under way too.
    clock.advance(PROVISIONING_LEASE_MS + 1_000);
    const second = sweep(deps);
    await until(async () => target.release.length === 2, 'the sweep took the grant over and is calling the target');

    // The first call now fails: it is fenced off (its lease is not the grant's any more), so it records nothing and removes nothing.
    target.release[0]!('fail');
    await until(async () => first.settled, 'the first attempt finished');
    expect(await statusOf(grantId)).toBe('provisioning');

    target.release[1]!('ok');
    expect(await second).toMatchObject({ provisioningResumed: 1, grantsActivated: 1 });
    target.release.splice(0);
    expect(await statusOf(grantId)).toBe('active');
    expect(target.holds.has(grantId)).toBe(true);
    expect(await trail(grantId)).toEqual([
      { action: 'grant.created', statusFrom: null, statusTo: 'scheduled' },
      { action: 'grant.provisioning', statusFrom: 'scheduled', statusTo: 'provisioning' },
      { action: 'grant.provisioning_resumed', statusFrom: null, statusTo: null },
      { action: 'grant.activated', statusFrom: 'provisioning', statusTo: 'active' },
    ]);
    await revokeGrant(deps, await as('alice@example.com'), { grantId });
    expect(target.holds.has(grantId)).toBe(false);
  });

  it('a grant whose provisioning fails is recorded as never active', async () => {
    target.mode = 'fail';
    const request = await startGrant('erin@example.com');
    const grant = await database.db.grant.findUniqueOrThrow({ where: { id: request.grant!.id } });
    expect(grant).toMatchObject({ status: 'failed', activatedAt: null, failureReason: REFUSED });
    const events = await trail(grant.id);
    expect(events).toEqual([
      { action: 'grant.created', statusFrom: null, statusTo: 'scheduled' },
      { action: 'grant.provisioning', statusFrom: 'scheduled', statusTo: 'provisioning' },
      { action: 'grant.failed', statusFrom: 'provisioning', statusTo: 'failed' },
    ]);
    expect(events.some((e) => e.statusTo === 'active' || e.action === 'grant.activated')).toBe(false);
    expect(target.holds.has(grant.id)).toBe(false);
  });

  it('a grant revoked while provisioning ends through revoking, and the late provision is removed again', async () => {
    const { grantId, attempt: late } = await startHangingGrant('bob@example.com');
    const revoked = await revokeGrant(deps, await as('carol@example.com'), { grantId, reason: 'wrong person' });
    expect(revoked.status).toBe('revoked');

    target.release.splice(0).forEach((r) => r()); // the provision lands after the revocation
    await until(async () => late.settled, 'the late activation finished');
    expect(target.holds.has(grantId)).toBe(false);
    expect(await statusOf(grantId)).toBe('revoked');
    expect((await trail(grantId)).map((e) => `${e.statusFrom}→${e.statusTo}`)).toEqual(['null→scheduled', 'scheduled→provisioning', 'provisioning→revoking', 'revoking→revoked']);
    clock.advance(minutes(1));
  });
});
