import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { portalConnector } from '@/lib/connectors/portal/portal-connector';
import type { Connector } from '@/lib/connectors/types';
import type { ResourceKind } from '@/lib/db/generated/enums';
import { manualClock, minutes } from '@/lib/domain/clock';
import { revokeBackoffMs } from '@/lib/domain/grant-status';
import { z } from 'zod';
import { extendInput, requestAccessInput } from '@/lib/domain/request-input';
import { actorContext } from '@/lib/testing/actors';
import { expectAppError } from '@/lib/testing/expect-app-error';
import { createTestDatabase, type TestDatabase } from '@/lib/testing/test-db';
import type { ServiceDeps } from '../deps';
import { decideRequest } from '../requests/decide-request';
import { requestAccess } from '../requests/request-access';
import { sweep } from '../sweep/sweep';
import { extendGrant } from './extend-grant';
import { extensionTickets, getGrant } from './queries';
import { revokeGrant } from './revoke-grant';

// A target that is down for a while: deprovisioning fails until `healthy` is set. Our own connector
// interface with a switchable outage — the real-target outage tests come with the connectors issue.
const outage = { healthy: true, calls: 0 };
const flakyPortal: Connector = {
  ...portalConnector,
  deprovision: async () => {
    outage.calls++;
    if (!outage.healthy) throw new Error('target unreachable (connect ECONNREFUSED 127.0.0.1:1)');
  },
};

let database: TestDatabase;
let deps: ServiceDeps;
const clock = manualClock(new Date());

beforeAll(async () => {
  database = await createTestDatabase('demo');
  deps = { db: database.db, clock, connectors: new Map<ResourceKind, Connector>([['portal', flakyPortal]]) };
});
afterAll(async () => database?.close());

const as = (email: string) => actorContext(database.db, email);
const autoGrant = async (email: string, durationMinutes = 20) => {
  const request = await requestAccess(deps, await as(email), requestAccessInput.parse({ resource: 'feature-flags', role: 'admin', durationMinutes, justification: 'x for the test' }));
  return request.grant!;
};

describe('revoke', () => {
  it('lets the holder and admins revoke, and hides the grant from everyone else', async () => {
    const grant = await autoGrant('alice@example.com');
    await expectAppError(revokeGrant(deps, await as('erin@example.com'), { grantId: grant.id }), 'not_found');
    await expectAppError(getGrant(deps, await as('erin@example.com'), grant.id), 'not_found');
    const revoked = await revokeGrant(deps, await as('alice@example.com'), { grantId: grant.id, reason: 'done early' });
    expect(revoked).toMatchObject({ status: 'revoked', endReason: 'revoked', revokeReason: 'done early' });
    await expectAppError(revokeGrant(deps, await as('alice@example.com'), { grantId: grant.id }), 'conflict');

    // An admin ends someone else's access only with a reason on record.
    const other = await autoGrant('erin@example.com');
    await expectAppError(revokeGrant(deps, await as('carol@example.com'), { grantId: other.id }), 'unprocessable', { field: 'reason' });
    expect((await getGrant(deps, await as('erin@example.com'), other.id)).status).toBe('active');
    const byAdmin = await revokeGrant(deps, await as('carol@example.com'), { grantId: other.id, reason: 'left the on-call rota' });
    expect(byAdmin).toMatchObject({ status: 'revoked', revokeReason: 'left the on-call rota' });
    // The holder needs no reason for their own grant, admin or not.
    const own = await autoGrant('bob@example.com');
    expect((await revokeGrant(deps, await as('bob@example.com'), { grantId: own.id })).status).toBe('revoked');
  });
});

describe('extend', () => {
  it('auto-approves within the limit and never past the longest duration', async () => {
    const grant = await autoGrant('bob@example.com', 20);
    const extension = await extendGrant(deps, await as('bob@example.com'), { grantId: grant.id, minutes: 30, justification: 'still migrating' });
    expect(extension).toMatchObject({ status: 'approved', autoApproved: true, extendsGrantId: grant.id });
    const extended = await getGrant(deps, await as('bob@example.com'), grant.id);
    expect(new Date(extended.expiresAt).getTime() - new Date(grant.expiresAt).getTime()).toBe(minutes(30));
    // 50 minutes held; the longest is 60.
    await expectAppError(extendGrant(deps, await as('bob@example.com'), { grantId: grant.id, minutes: 11, justification: 'x for the test' }), 'unprocessable', { field: 'minutes', message: /60 minutes in all/ });
    await expectAppError(extendGrant(deps, await as('alice@example.com'), { grantId: grant.id, minutes: 5, justification: 'x for the test' }), 'not_found');
    await revokeGrant(deps, await as('bob@example.com'), { grantId: grant.id });
  });

  it('sends a non-auto extension to approvers and applies it on approval', async () => {
    const request = await requestAccess(deps, await as('erin@example.com'), requestAccessInput.parse({ resource: 'feature-flags', role: 'editor', durationMinutes: 30, justification: 'x for the test' }));
    const approved = await decideRequest(deps, await as('bob@example.com'), { requestId: request.id, decision: 'approve' });
    const grant = approved.grant!;
    const extension = await extendGrant(deps, await as('erin@example.com'), { grantId: grant.id, minutes: 15, justification: 'need more for the test' });
    expect(extension.status).toBe('pending');
    await expectAppError(extendGrant(deps, await as('erin@example.com'), { grantId: grant.id, minutes: 5, justification: 'x for the test' }), 'conflict');
    await decideRequest(deps, await as('frank@example.com'), { requestId: extension.id, decision: 'approve' });
    const after = await getGrant(deps, await as('erin@example.com'), grant.id);
    expect(new Date(after.expiresAt).getTime() - new Date(grant.expiresAt).getTime()).toBe(minutes(15));
    expect(after.status).toBe('active');
    await revokeGrant(deps, await as('erin@example.com'), { grantId: grant.id });
  });

  it('checks a ticket on a role that needs one, offers the original to Extend, and keeps it on the extension', async () => {
    const input = extendInput.extend({ grantId: z.uuid() });
    const request = await requestAccess(deps, await as('erin@example.com'), requestAccessInput.parse({ resource: 'status-page', role: 'editor', durationMinutes: 30, justification: 'incident for the test', ticket: 'OPS-7' }));
    const grant = (await decideRequest(deps, await as('bob@example.com'), { requestId: request.id, decision: 'approve' })).grant!;

    expect((await extensionTickets(deps, await as('erin@example.com'), [grant.id])).get(grant.id)).toEqual({ required: true, pattern: '^[A-Z][A-Z0-9]+-[0-9]+$', example: 'OPS-123', original: 'OPS-7' });
    expect((await extensionTickets(deps, await as('alice@example.com'), [grant.id])).size).toBe(0);

    await expectAppError(extendGrant(deps, await as('erin@example.com'), input.parse({ grantId: grant.id, minutes: 15, justification: 'more for the test' })), 'unprocessable', { field: 'ticket' });
    await expectAppError(extendGrant(deps, await as('erin@example.com'), input.parse({ grantId: grant.id, minutes: 15, justification: 'more for the test', ticket: 'nope' })), 'unprocessable', { field: 'ticket' });
    const extension = await extendGrant(deps, await as('erin@example.com'), input.parse({ grantId: grant.id, minutes: 15, justification: 'more for the test', ticket: ' OPS-7 ' }));
    expect(extension).toMatchObject({ status: 'pending', ticket: 'OPS-7', extendsGrantId: grant.id });
    await revokeGrant(deps, await as('erin@example.com'), { grantId: grant.id });
  });
});

describe('durable deprovisioning', () => {
  it('keeps a grant in revoking while the target is down, backs off, and ends it once the target is back', async () => {
    const grant = await autoGrant('frank@example.com', 10);
    outage.healthy = false;
    clock.advance(minutes(10));

    const first = await sweep(deps);
    expect(first).toMatchObject({ grantsEnding: 1, grantsEnded: 0, deprovisionRetries: 1 });
    let row = await database.db.grant.findUniqueOrThrow({ where: { id: grant.id } });
    expect(row).toMatchObject({ status: 'revoking', revokeAttempts: 1 });
    expect(row.nextAttemptAt!.getTime()).toBe(clock.now().getTime() + revokeBackoffMs(1));

    // Not due yet: a sweep right away leaves it alone.
    const callsBefore = outage.calls;
    await sweep(deps);
    expect(outage.calls).toBe(callsBefore);

    for (let attempt = 2; attempt <= 6; attempt++) {
      clock.advance(revokeBackoffMs(attempt - 1));
      await sweep(deps);
      row = await database.db.grant.findUniqueOrThrow({ where: { id: grant.id } });
      expect(row).toMatchObject({ status: 'revoking', revokeAttempts: attempt });
    }
    expect(row.lastError).toMatch(/target unreachable/);

    outage.healthy = true;
    clock.advance(revokeBackoffMs(6));
    expect((await sweep(deps)).grantsEnded).toBe(1);
    row = await database.db.grant.findUniqueOrThrow({ where: { id: grant.id } });
    expect(row).toMatchObject({ status: 'expired', lastError: null });

    const actions = (await database.db.auditEvent.findMany({ where: { grantId: grant.id }, orderBy: { seq: 'asc' } })).map((e) => e.action);
    expect(actions.filter((a) => a === 'grant.deprovision_failed')).toHaveLength(6);
    expect(actions.at(-1)).toBe('grant.expired');
  });

  it('caps the backoff and never gives up', () => {
    expect(revokeBackoffMs(1)).toBe(5_000);
    expect(revokeBackoffMs(4)).toBe(40_000);
    expect(revokeBackoffMs(50)).toBe(5 * 60_000);
  });
});
