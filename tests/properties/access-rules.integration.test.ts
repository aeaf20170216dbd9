import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { defaultConnectors } from '@/lib/connectors/registry';
import { manualClock, minutes } from '@/lib/domain/clock';
import type { ActorContext } from '@/lib/domain/context';
import { extendInput, requestAccessInput } from '@/lib/domain/request-input';
import { AppError } from '@/lib/errors';
import { checkAccess } from '@/lib/services/grants/check-access';
import { extendGrant } from '@/lib/services/grants/extend-grant';
import { revokeGrant } from '@/lib/services/grants/revoke-grant';
import { cancelRequest } from '@/lib/services/requests/cancel-request';
import { decideRequest } from '@/lib/services/requests/decide-request';
import { requestAccess } from '@/lib/services/requests/request-access';
import type { ServiceDeps } from '@/lib/services/deps';
import { sweep } from '@/lib/services/sweep/sweep';
import { actorContext } from '@/lib/testing/actors';
import { createTestDatabase, type TestDatabase } from '@/lib/testing/test-db';

// The domain's two promises, checked against random sequences of everything people and time can do:
//  1. nobody has access past the end that was approved (the request's duration plus approved extensions),
//     and a grant is never longer than its policy allows;
//  2. no grant exists without the required number of distinct approvals by people other than the requester
//     (auto-approval aside: it is the policy's own decision, recorded on the request).
// Every operation runs through the real services on a real database. Refusals (AppError) are expected
// answers; anything else is a bug and fails the run. FC_SEED reproduces a failing run.

const roles = [
  { resource: 'feature-flags', role: 'editor' }, // one approval from sre-leads, up to 120 min
  { resource: 'feature-flags', role: 'admin' }, // auto-approved for engineering up to 60 min
  { resource: 'billing-console', role: 'operator' }, // two approvals from sre-leads, up to 30 min
] as const;
const requesters = ['alice@example.com', 'erin@example.com', 'bob@example.com'] as const;
const deciders = ['bob@example.com', 'frank@example.com', 'alice@example.com'] as const;

type Op =
  | { kind: 'request'; who: number; role: number; duration: number }
  | { kind: 'decide'; who: number; pick: number; approve: boolean }
  | { kind: 'extend'; pick: number; by: number }
  | { kind: 'revoke'; pick: number; byAdmin: boolean }
  | { kind: 'cancel'; pick: number }
  | { kind: 'advance'; by: number }
  | { kind: 'sweep' };

// Mostly within every role's limit (30 min is the smallest), sometimes beyond some or all of them.
const durations = fc.oneof({ weight: 4, arbitrary: fc.integer({ min: 1, max: 30 }) }, { weight: 1, arbitrary: fc.integer({ min: 31, max: 130 }) });

const op: fc.Arbitrary<Op> = fc.oneof(
  { weight: 4, arbitrary: fc.record({ kind: fc.constant('request' as const), who: fc.nat(requesters.length - 1), role: fc.nat(roles.length - 1), duration: durations }) },
  { weight: 4, arbitrary: fc.record({ kind: fc.constant('decide' as const), who: fc.nat(deciders.length - 1), pick: fc.nat(), approve: fc.nat(3).map((n) => n > 0) }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('extend' as const), pick: fc.nat(), by: fc.integer({ min: 1, max: 90 }) }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('revoke' as const), pick: fc.nat(), byAdmin: fc.boolean() }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('cancel' as const), pick: fc.nat() }) },
  { weight: 3, arbitrary: fc.record({ kind: fc.constant('advance' as const), by: fc.integer({ min: 0, max: 90 }) }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('sweep' as const) }) },
);

let database: TestDatabase;
let deps: ServiceDeps;
const clock = manualClock(new Date());
const contexts = new Map<string, ActorContext>();

beforeAll(async () => {
  database = await createTestDatabase('demo');
  deps = { db: database.db, clock, connectors: defaultConnectors() };
  for (const email of [...requesters, ...deciders, 'carol@example.com']) contexts.set(email, await actorContext(database.db, email));
});
afterAll(async () => database?.close());

const as = (email: string) => contexts.get(email)!;

// Each run starts clean and tags what it makes, so a failure is about this run's steps alone and
// fast-check's shrinking finds the shortest sequence that breaks a rule.
let run = 0;
const tag = () => `property run ${run}`;
async function startRun(): Promise<void> {
  run++;
  await deps.db.grant.updateMany({ where: { status: { in: ['scheduled', 'active', 'revoking'] } }, data: { status: 'revoked' } });
  await deps.db.accessRequest.updateMany({ where: { status: 'pending' }, data: { status: 'cancelled' } });
  clock.advance(minutes(24 * 60));
}
const ofThisRun = () => ({ justification: tag() });
const nth = <T>(items: T[], pick: number): T | undefined => (items.length ? items[pick % items.length] : undefined);

/** Expected refusals are answers; anything else (a TypeError, a database error) is a bug. */
async function attempt(action: () => Promise<unknown>): Promise<void> {
  try {
    await action();
  } catch (error) {
    if (!(error instanceof AppError)) throw error;
  }
}

async function apply(step: Op): Promise<void> {
  const { db } = deps;
  switch (step.kind) {
    case 'request': {
      const { resource, role } = roles[step.role]!;
      return attempt(() => requestAccess(deps, as(requesters[step.who]!), requestAccessInput.parse({ resource, role, durationMinutes: step.duration, justification: tag() })));
    }
    case 'decide': {
      const pending = await db.accessRequest.findMany({ where: { status: 'pending', ...ofThisRun() }, orderBy: { createdAt: 'asc' }, select: { id: true } });
      const request = nth(pending, step.pick);
      if (!request) return;
      return attempt(() => decideRequest(deps, as(deciders[step.who]!), step.approve ? { requestId: request.id, decision: 'approve' } : { requestId: request.id, decision: 'deny', comment: 'property run' }));
    }
    case 'extend': {
      const live = await db.grant.findMany({ where: { status: { in: ['scheduled', 'active'] }, request: ofThisRun() }, orderBy: { createdAt: 'asc' }, include: { user: true } });
      const grant = nth(live, step.pick);
      if (!grant) return;
      const input = extendInput.parse({ minutes: step.by, justification: tag() });
      return attempt(() => extendGrant(deps, as(grant.user.email), { grantId: grant.id, ...input }));
    }
    case 'revoke': {
      const live = await db.grant.findMany({ where: { status: { in: ['scheduled', 'active'] }, request: ofThisRun() }, orderBy: { createdAt: 'asc' }, include: { user: true } });
      const grant = nth(live, step.pick);
      if (!grant) return;
      return attempt(() => revokeGrant(deps, as(step.byAdmin ? 'carol@example.com' : grant.user.email), { grantId: grant.id, reason: tag() }));
    }
    case 'cancel': {
      const pending = await db.accessRequest.findMany({ where: { status: 'pending', ...ofThisRun() }, orderBy: { createdAt: 'asc' }, include: { requester: true } });
      const request = nth(pending, step.pick);
      if (!request) return;
      return attempt(() => cancelRequest(deps, as(request.requester.email), { requestId: request.id }));
    }
    case 'advance':
      clock.advance(minutes(step.by));
      return;
    case 'sweep':
      await sweep(deps);
      return;
  }
}

/** Distinct approvers of a request other than its requester. */
const approvers = (request: { requesterId: string; reviews: { reviewerId: string; decision: string }[] }) =>
  new Set(request.reviews.filter((r) => r.decision === 'approve' && r.reviewerId !== request.requesterId).map((r) => r.reviewerId)).size;

async function checkInvariants(): Promise<void> {
  const { db } = deps;
  const now = clock.now();
  const grants = await db.grant.findMany({
    where: { request: ofThisRun() },
    include: {
      user: true,
      entitlement: { include: { policy: true, resource: true } },
      request: { include: { reviews: true } },
      extensions: { where: { status: 'approved' }, include: { reviews: true } },
    },
  });
  for (const grant of grants) {
    const policy = grant.entitlement.policy!;
    // 2. Every approval that let time in: the first request and each extension.
    for (const request of [grant.request, ...grant.extensions]) {
      if (!request.autoApproved) expect(approvers(request), `request ${request.id} granted with too few approvals`).toBeGreaterThanOrEqual(policy.requiredApprovals);
    }
    // 1. Never longer than approved, never longer than the policy allows.
    const approvedMinutes = grant.request.durationMinutes + grant.extensions.reduce((sum, e) => sum + e.durationMinutes, 0);
    const lengthMinutes = (grant.expiresAt.getTime() - grant.startsAt.getTime()) / 60_000;
    expect(lengthMinutes, `grant ${grant.id} outlasts what was approved`).toBeLessThanOrEqual(approvedMinutes);
    expect(lengthMinutes, `grant ${grant.id} outlasts its policy`).toBeLessThanOrEqual(policy.maxDurationMinutes);
  }
  // 1. What a target system is told now: access only inside a live grant's approved window.
  for (const email of requesters) {
    for (const { resource, role } of roles) {
      const answer = await checkAccess(deps, as('carol@example.com'), { user: email, resource, role });
      if (!answer.allowed) continue;
      const grant = grants.find((g) => g.id === answer.grantId);
      expect(grant, `${email} has ${resource}/${role} through a grant from before this run`).toBeDefined();
      if (!grant) return;
      expect(grant.status, `${email} has ${resource}/${role} through a ${grant.status} grant`).toBe('active');
      expect(grant.expiresAt.getTime(), `${email} has ${resource}/${role} past its end`).toBeGreaterThan(now.getTime());
      expect(grant.startsAt.getTime()).toBeLessThanOrEqual(now.getTime());
    }
  }
}

async function checkSweptClean(): Promise<void> {
  // Once the sweep has run, nothing it should have ended is still active.
  await sweep(deps);
  const overdue = await deps.db.grant.count({ where: { status: 'active', expiresAt: { lte: clock.now() }, request: ofThisRun() } });
  expect(overdue, 'grants still active after their end and a sweep').toBe(0);
}

describe('access rules hold for any sequence of requests, decisions, extensions, revocations and clock moves', () => {
  it('never access past its approved end, never a grant without its approvals', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(op, { minLength: 8, maxLength: 20 }), async (ops) => {
        await startRun();
        for (const step of ops) {
          await apply(step);
          await checkInvariants();
        }
        await checkSweptClean();
      }),
      { numRuns: 8, ...(process.env.FC_SEED ? { seed: Number(process.env.FC_SEED) } : {}) },
    );
  });
});
