import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { defaultConnectors } from '@/lib/connectors/registry';
import { manualClock, minutes } from '@/lib/domain/clock';
import { requestAccessInput } from '@/lib/domain/request-input';
import { actorContext } from '@/lib/testing/actors';
import { expectAppError } from '@/lib/testing/expect-app-error';
import { createTestDatabase, type TestDatabase } from '@/lib/testing/test-db';
import type { ServiceDeps } from '../deps';
import { checkAccess } from '../grants/check-access';
import { getGrant } from '../grants/queries';
import { sweep } from '../sweep/sweep';
import { cancelRequest } from './cancel-request';
import { decideRequest } from './decide-request';
import { getRequest, listInbox } from './queries';
import { requestAccess } from './request-access';

let database: TestDatabase;
let deps: ServiceDeps;
const clock = manualClock(new Date());

beforeAll(async () => {
  database = await createTestDatabase('demo');
  deps = { db: database.db, clock, connectors: defaultConnectors() };
});
afterAll(async () => database?.close());

const as = (email: string) => actorContext(database.db, email);
const submit = async (email: string, input: Record<string, unknown>) => requestAccess(deps, await as(email), requestAccessInput.parse(input));
const checker = () => as('carol@example.com').then((c) => ({ ...c, token: { id: 'check', scopes: ['check_any' as const] } }));
const auditFor = (where: { requestId?: string; grantId?: string }) =>
  database.db.auditEvent.findMany({ where, orderBy: { seq: 'asc' } }).then((events) => events.map((e) => e.action));

describe('request → approve → active → expiry', () => {
  it('runs the whole loop and records every step', async () => {
    const request = await submit('alice@example.com', { resource: 'feature-flags', role: 'editor', durationMinutes: 30, justification: 'INC-1 flag rollback' });
    expect(request).toMatchObject({ status: 'pending', grant: null, requester: { email: 'alice@example.com' } });

    const inbox = await listInbox(deps, await as('bob@example.com'));
    expect(inbox.map((r) => r.id)).toContain(request.id);
    expect((await listInbox(deps, await as('alice@example.com'))).map((r) => r.id)).not.toContain(request.id);

    const approved = await decideRequest(deps, await as('bob@example.com'), { requestId: request.id, decision: 'approve' });
    expect(approved.status).toBe('approved');
    expect(approved.grant).toMatchObject({ status: 'active', user: { email: 'alice@example.com' } });
    const grantId = approved.grant!.id;

    const query = { user: 'alice@example.com', resource: 'feature-flags', role: 'editor' };
    expect(await checkAccess(deps, await checker(), query)).toMatchObject({ allowed: true, grantId });

    clock.advance(minutes(30) + 1);
    // Ended the instant its time is up, even before any sweep has run.
    expect(await checkAccess(deps, await checker(), query)).toEqual({ allowed: false, grantId: null, expiresAt: null });

    const summary = await sweep(deps);
    expect(summary).toMatchObject({ grantsEnding: 1, grantsEnded: 1 });
    expect((await getGrant(deps, await as('alice@example.com'), grantId)).status).toBe('expired');
    expect(await auditFor({ grantId })).toEqual(['grant.created', 'grant.provisioning', 'grant.activated', 'grant.ending', 'grant.expired']);
    expect(await auditFor({ requestId: request.id })).toEqual(['request.created', 'review.approve', 'request.approved', 'grant.created', 'grant.provisioning', 'grant.activated', 'grant.ending', 'grant.expired']);
  });

  it('auto-approves within the rule and activates at once', async () => {
    const request = await submit('erin@example.com', { resource: 'feature-flags', role: 'admin', durationMinutes: 45, justification: 'cleanup for the test' });
    expect(request).toMatchObject({ status: 'approved', autoApproved: true, grant: { status: 'active' } });
  });

  it('needs every approval from distinct approvers, and one person counts once', async () => {
    const request = await submit('alice@example.com', { resource: 'billing-console', role: 'operator', durationMinutes: 20, justification: 'refund for the test' });
    const first = await decideRequest(deps, await as('bob@example.com'), { requestId: request.id, decision: 'approve' });
    expect(first.status).toBe('pending');
    // Decided by bob already: no longer in his inbox, still in frank's.
    expect((await listInbox(deps, await as('bob@example.com'))).map((r) => r.id)).not.toContain(request.id);
    expect((await listInbox(deps, await as('frank@example.com'))).map((r) => r.id)).toContain(request.id);
    await expectAppError(decideRequest(deps, await as('bob@example.com'), { requestId: request.id, decision: 'approve' }), 'conflict');
    const second = await decideRequest(deps, await as('frank@example.com'), { requestId: request.id, decision: 'approve' });
    expect(second).toMatchObject({ status: 'approved', grant: { status: 'active' } });
    expect(second.reviews.map((r) => r.reviewer.email)).toEqual(['bob@example.com', 'frank@example.com']);
    await expectAppError(decideRequest(deps, await as('frank@example.com'), { requestId: request.id, decision: 'deny', comment: 'late' }), 'conflict');
  });
});

describe('decision rules', () => {
  it('refuses self-approval, requires a comment to deny, and 409s a second decision', async () => {
    const request = await submit('bob@example.com', { resource: 'feature-flags', role: 'editor', durationMinutes: 10, justification: 'deploy for the test' });
    await expectAppError(decideRequest(deps, await as('bob@example.com'), { requestId: request.id, decision: 'approve' }), 'forbidden', { message: /own request/ });
    expect((await listInbox(deps, await as('bob@example.com'))).map((r) => r.id)).not.toContain(request.id);
    await expectAppError(decideRequest(deps, await as('frank@example.com'), { requestId: request.id, decision: 'deny' }), 'unprocessable', { field: 'comment' });
    const denied = await decideRequest(deps, await as('frank@example.com'), { requestId: request.id, decision: 'deny', comment: 'use the runbook' });
    expect(denied).toMatchObject({ status: 'denied', grant: null });
    await expectAppError(decideRequest(deps, await as('frank@example.com'), { requestId: request.id, decision: 'approve' }), 'conflict');
  });

  it('refuses to approve for a requester who left the eligible group since asking; denying stays possible', async () => {
    const request = await submit('erin@example.com', { resource: 'feature-flags', role: 'editor', durationMinutes: 10, justification: 'before the team change' });
    const engineering = await database.db.group.findUniqueOrThrow({ where: { name: 'engineering' } });
    const erin = await database.db.user.findUniqueOrThrow({ where: { email: 'erin@example.com' } });
    await database.db.groupMembership.delete({ where: { userId_groupId: { userId: erin.id, groupId: engineering.id } } });
    try {
      await expectAppError(decideRequest(deps, await as('bob@example.com'), { requestId: request.id, decision: 'approve' }), 'conflict', { message: /no longer eligible/ });
      expect(await database.db.review.count({ where: { requestId: request.id } })).toBe(0);
      expect(await decideRequest(deps, await as('bob@example.com'), { requestId: request.id, decision: 'deny', comment: 'moved teams' })).toMatchObject({ status: 'denied', grant: null });
    } finally {
      await database.db.groupMembership.create({ data: { userId: erin.id, groupId: engineering.id } });
    }
  });

  it('hides requests from people who may not decide them (404, not 403)', async () => {
    const request = await submit('erin@example.com', { resource: 'status-page', role: 'editor', durationMinutes: 10, justification: 'incident for the test', ticket: 'INC-42' });
    await expectAppError(decideRequest(deps, await as('alice@example.com'), { requestId: request.id, decision: 'approve' }), 'not_found');
    await expectAppError(getRequest(deps, await as('alice@example.com'), request.id), 'not_found');
    await expectAppError(cancelRequest(deps, await as('alice@example.com'), { requestId: request.id }), 'not_found');
    expect((await getRequest(deps, await as('dave@example.com'), request.id)).id).toBe(request.id);
    await expectAppError(decideRequest(deps, await as('frank@example.com', ), { requestId: '00000000-0000-4000-8000-000000000000', decision: 'approve' }), 'not_found');
  });

  it('lets a token decide only with the approvals scope', async () => {
    const request = await submit('erin@example.com', { resource: 'feature-flags', role: 'editor', durationMinutes: 10, justification: 'x for the test' });
    const narrow = await actorContext(database.db, 'bob@example.com', ['requests']);
    await expectAppError(decideRequest(deps, narrow, { requestId: request.id, decision: 'approve' }), 'forbidden', { message: /approvals/ });
    const wide = await actorContext(database.db, 'bob@example.com', ['approvals']);
    expect((await decideRequest(deps, wide, { requestId: request.id, decision: 'approve' })).status).toBe('approved');
    const event = await database.db.auditEvent.findFirstOrThrow({ where: { requestId: request.id, action: 'review.approve' } });
    expect(event.tokenId).not.toBeNull();
  });
});

describe('policy at submission', () => {
  it.each([
    [{ durationMinutes: 121, justification: 'x for the test' }, 'unprocessable', 'durationMinutes', /120 minutes/],
    [{ durationMinutes: 10, justification: '' }, 'unprocessable', 'justification', /justification/],
  ] as const)('%o → %s', async (extra, code, field, message) => {
    await expectAppError(submit('alice@example.com', { resource: 'feature-flags', role: 'editor', ...extra }), code, { field, message });
  });

  it('checks the ticket against the pattern', async () => {
    const base = { resource: 'status-page', role: 'editor', durationMinutes: 10, justification: 'incident for the test' };
    await expectAppError(submit('alice@example.com', base), 'unprocessable', { field: 'ticket', message: /required/ });
    await expectAppError(submit('alice@example.com', { ...base, ticket: 'inc 42' }), 'unprocessable', { field: 'ticket', message: /must look like OPS-123/ });
  });

  it('refuses the ineligible and the unknown', async () => {
    await expectAppError(submit('carol@example.com', { resource: 'feature-flags', role: 'editor', durationMinutes: 10, justification: 'x for the test' }), 'forbidden');
    await expectAppError(submit('alice@example.com', { resource: 'feature-flags', role: 'root', durationMinutes: 10, justification: 'x for the test' }), 'not_found');
    await expectAppError(submit('alice@example.com', { resource: 'feature-flags', role: 'editor', durationMinutes: 10, justification: 'x for the test', startAt: new Date(clock.now().getTime() - minutes(5)) }), 'unprocessable', { field: 'startAt' });
  });

  it('never creates a second pending request or a second live grant for one role', async () => {
    const input = { resource: 'feature-flags', role: 'editor', durationMinutes: 10, justification: 'x for the test' };
    const first = await submit('frank@example.com', input);
    const dup = await expectAppError(submit('frank@example.com', input), 'conflict', { message: /pending/ });
    expect(dup.details?.requestId).toBe(first.id);
    await decideRequest(deps, await as('bob@example.com'), { requestId: first.id, decision: 'approve' });
    const live = await expectAppError(submit('frank@example.com', input), 'conflict', { message: /extend/ });
    const grant = await database.db.grant.findUniqueOrThrow({ where: { requestId: first.id } });
    expect(live.details?.grantId).toBe(grant.id);
  });
});

describe('cancel, scheduled start and pending TTL', () => {
  it('cancels only the requester’s own pending request', async () => {
    const request = await submit('alice@example.com', { resource: 'status-page', role: 'editor', durationMinutes: 5, justification: 'x for the test', ticket: 'OPS-7' });
    expect((await cancelRequest(deps, await as('alice@example.com'), { requestId: request.id })).status).toBe('cancelled');
    await expectAppError(cancelRequest(deps, await as('alice@example.com'), { requestId: request.id }), 'conflict');
  });

  it('starts a scheduled grant when its time comes', async () => {
    const startAt = new Date(clock.now().getTime() + minutes(30));
    const request = await submit('bob@example.com', { resource: 'feature-flags', role: 'admin', durationMinutes: 15, justification: 'maintenance window', startAt: startAt.toISOString() });
    expect(request.grant).toMatchObject({ status: 'scheduled', startsAt: startAt.toISOString() });
    expect((await sweep(deps)).grantsActivated).toBe(0);
    clock.advance(minutes(30));
    expect((await sweep(deps)).grantsActivated).toBe(1);
    expect((await getGrant(deps, await as('bob@example.com'), request.grant!.id)).status).toBe('active');
  });

  it('expires a pending request after its TTL; deciding it then is a conflict', async () => {
    const request = await submit('erin@example.com', { resource: 'billing-console', role: 'operator', durationMinutes: 5, justification: 'x for the test' });
    clock.advance(minutes(24 * 60) + 1);
    expect((await sweep(deps)).requestsExpired).toBeGreaterThanOrEqual(1);
    expect((await getRequest(deps, await as('erin@example.com'), request.id)).status).toBe('expired');
    await expectAppError(decideRequest(deps, await as('bob@example.com'), { requestId: request.id, decision: 'approve' }), 'conflict');
  });
});
