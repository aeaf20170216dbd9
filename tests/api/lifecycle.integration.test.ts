import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { minutes } from '@/lib/domain/clock';
import { call, createApiHarness, type ApiHarness } from '@/lib/testing/api-harness';
import { api, at } from './routes';

// The access lifecycle driven entirely over /api/v1, by several users with their own tokens.

let h: ApiHarness;
const tokens: Record<string, string> = {};

beforeAll(async () => {
  h = await createApiHarness();
  tokens.alice = await h.token('alice@example.com', ['requests', 'grants']);
  tokens.bob = await h.token('bob@example.com', ['requests', 'approvals', 'grants']);
  tokens.frank = await h.token('frank@example.com', ['approvals']);
  tokens.erin = await h.token('erin@example.com', ['requests', 'grants', 'approvals']);
  tokens.checker = await h.token('carol@example.com', ['check_any']);
});
afterAll(async () => h?.close());

const post = (endpoint: (typeof api)[keyof typeof api], token: string, id?: string, body?: unknown) =>
  call(endpoint.handler, at(endpoint, id).path, { method: 'POST', token, params: at(endpoint, id).params, body });
const get = (endpoint: (typeof api)[keyof typeof api], token: string, id?: string, query = '') =>
  call(endpoint.handler, at(endpoint, id).path + query, { token, params: at(endpoint, id).params });
const checkAlice = (resource: string, role: string) => get(api.check, tokens.checker!, undefined, `?user=alice%40example.com&resource=${resource}&role=${role}`);

describe('the whole loop over the API', () => {
  it('alice requests, bob approves, the check says allowed, alice revokes, the check says no', async () => {
    const created = await post(api.createRequest, tokens.alice!, undefined, { resource: 'feature-flags', role: 'editor', durationMinutes: 30, justification: 'Roll out the new checkout flag' });
    expect(created.status).toBe(201);
    expect(created.headers.get('cache-control')).toBe('no-store');
    expect(created.json.request).toMatchObject({ status: 'pending', resource: 'feature-flags', role: 'editor', durationMinutes: 30, grant: null, requester: { email: 'alice@example.com' } });
    const requestId: string = created.json.request.id;

    expect((await checkAlice('feature-flags', 'editor')).json).toEqual({ allowed: false, grantId: null, expiresAt: null });

    // bob sees it (approver), then approves it
    expect((await get(api.getRequest, tokens.bob!, requestId)).json.request.id).toBe(requestId);
    const approved = await post(api.approve, tokens.bob!, requestId, { comment: 'go ahead' });
    expect(approved.status).toBe(200);
    expect(approved.json.request).toMatchObject({ status: 'approved', reviews: [{ decision: 'approve', comment: 'go ahead', reviewer: { email: 'bob@example.com' } }] });
    expect(approved.json.request.grant).toMatchObject({ status: 'active', user: { email: 'alice@example.com' } });
    const grantId: string = approved.json.request.grant.id;
    expect(approved.json.request.grant.expiresAt).toBe(new Date(h.clock.now().getTime() + minutes(30)).toISOString());

    // the evidence names the token the approval came through
    const bobToken = await h.database.db.apiToken.findFirstOrThrow({ where: { user: { email: 'bob@example.com' } } });
    const review = await h.database.db.auditEvent.findFirstOrThrow({ where: { action: 'review.approve', requestId } });
    expect(review).toMatchObject({ tokenId: bobToken.id, actorLabel: `bob@example.com (token ${bobToken.id.slice(0, 8)})` });

    const mine = await get(api.listGrants, tokens.alice!, undefined, '?status=active');
    expect(mine.json.items.map((g: { id: string }) => g.id)).toEqual([grantId]);

    const allowed = await checkAlice('feature-flags', 'editor');
    expect(allowed.status).toBe(200);
    expect(allowed.json).toEqual({ allowed: true, grantId, expiresAt: approved.json.request.grant.expiresAt });

    const revoked = await post(api.revoke, tokens.alice!, grantId, { reason: 'done with the rollout' });
    expect(revoked.status).toBe(200);
    expect(revoked.json.grant).toMatchObject({ id: grantId, status: 'revoked', revokeReason: 'done with the rollout' });
    expect((await h.database.db.grant.findUniqueOrThrow({ where: { id: grantId } })).status).toBe('revoked');

    expect((await checkAlice('feature-flags', 'editor')).json).toEqual({ allowed: false, grantId: null, expiresAt: null });
  });

  it('auto-approves within the policy: 201 with an active grant, extensions too', async () => {
    const created = await post(api.createRequest, tokens.alice!, undefined, { resource: 'api-test-flags', role: 'admin', durationMinutes: 30 });
    expect(created.status).toBe(201);
    expect(created.json.request).toMatchObject({ status: 'approved', autoApproved: true, grant: { status: 'active' } });
    const grantId: string = created.json.request.grant.id;
    expect((await checkAlice('api-test-flags', 'admin')).json).toMatchObject({ allowed: true, grantId });

    const extended = await post(api.extend, tokens.alice!, grantId, { minutes: 20, justification: 'still migrating' });
    expect(extended.status).toBe(201);
    expect(extended.json.request).toMatchObject({ status: 'approved', autoApproved: true, extendsGrantId: grantId });
    const grant = await get(api.getGrant, tokens.alice!, grantId);
    expect(grant.json.grant.expiresAt).toBe(new Date(h.clock.now().getTime() + minutes(50)).toISOString());

    // past the auto-approve limit (50 + 20 > 60): waits for an approver
    const pending = await post(api.extend, tokens.alice!, grantId, { minutes: 20, justification: 'one more step' });
    expect(pending.status).toBe(201);
    expect(pending.json.request).toMatchObject({ status: 'pending', autoApproved: false });
  });

  it('answers 422 with the field for a request outside the policy', async () => {
    const tooLong = await post(api.createRequest, tokens.alice!, undefined, { resource: 'feature-flags', role: 'editor', durationMinutes: 500, justification: 'x for the test' });
    expect(tooLong.status).toBe(422);
    expect(tooLong.json.error).toMatchObject({ code: 'unprocessable', fields: { durationMinutes: expect.any(String) } });
    const unknown = await post(api.createRequest, tokens.alice!, undefined, { resource: 'nope', role: 'editor', durationMinutes: 5 });
    expect(unknown.status).toBe(404);
  });

  it('names every input the policy refuses in one answer, not one per attempt', async () => {
    const res = await post(api.createRequest, tokens.alice!, undefined, { resource: 'status-page', role: 'editor', durationMinutes: 500, justification: ' ' });
    expect(res.status).toBe(422);
    expect(res.json.error).toEqual({
      code: 'unprocessable',
      message: 'The longest allowed duration is 120 minutes.',
      fields: { durationMinutes: 'The longest allowed duration is 120 minutes.', justification: 'A justification of at least 10 characters is required.', ticket: 'A ticket is required.' },
    });
  });

  it('takes a ticket on extend and checks it against the policy', async () => {
    const created = await post(api.createRequest, tokens.erin!, undefined, { resource: 'status-page', role: 'editor', durationMinutes: 30, justification: 'incident for the test', ticket: 'OPS-12' });
    const grantId: string = (await post(api.approve, tokens.bob!, created.json.request.id, {})).json.request.grant.id;
    const missing = await post(api.extend, tokens.erin!, grantId, { minutes: 10, justification: 'still on it' });
    expect(missing.status).toBe(422);
    expect(missing.json.error.fields).toEqual({ ticket: 'A ticket is required.' });
    const extended = await post(api.extend, tokens.erin!, grantId, { minutes: 10, justification: 'still on it', ticket: 'OPS-12' });
    expect(extended.status).toBe(201);
    expect(extended.json.request).toMatchObject({ status: 'pending', ticket: 'OPS-12', extendsGrantId: grantId });
  });
});

describe('decisions', () => {
  let bobsRequest: string;

  it('refuses self-approval with 403 and changes nothing', async () => {
    const created = await post(api.createRequest, tokens.bob!, undefined, { resource: 'feature-flags', role: 'editor', durationMinutes: 15, justification: 'hotfix for the test' });
    expect(created.status).toBe(201);
    bobsRequest = created.json.request.id;
    const self = await post(api.approve, tokens.bob!, bobsRequest, {});
    expect(self.status).toBe(403);
    expect(self.json.error.code).toBe('forbidden');
    expect(await h.database.db.review.count({ where: { requestId: bobsRequest } })).toBe(0);
    expect((await h.database.db.accessRequest.findUniqueOrThrow({ where: { id: bobsRequest } })).status).toBe('pending');
  });

  it('hides the request from a non-approver (404) and approves with an empty body', async () => {
    expect((await post(api.approve, tokens.erin!, bobsRequest)).status).toBe(404);
    const approved = await post(api.approve, tokens.frank!, bobsRequest); // no body at all
    expect(approved.status).toBe(200);
    expect(approved.json.request.status).toBe('approved');
  });

  it('answers a second decision with 409', async () => {
    const again = await post(api.approve, tokens.frank!, bobsRequest, { comment: 'again' });
    expect(again.status).toBe(409);
    expect(again.json.error.code).toBe('conflict');
    const deny = await post(api.deny, tokens.frank!, bobsRequest, { comment: 'changed my mind' });
    expect(deny.status).toBe(409);
    expect(await h.database.db.review.count({ where: { requestId: bobsRequest } })).toBe(1);
  });

  it('requires a comment to deny (422), then denies', async () => {
    const created = await post(api.createRequest, tokens.erin!, undefined, { resource: 'feature-flags', role: 'editor', durationMinutes: 15, justification: 'curious for the test' });
    const id: string = created.json.request.id;
    const bare = await post(api.deny, tokens.bob!, id, {});
    expect(bare.status).toBe(422);
    expect(bare.json.error.fields).toHaveProperty('comment');
    const denied = await post(api.deny, tokens.bob!, id, { comment: 'not needed for that' });
    expect(denied.status).toBe(200);
    expect(denied.json.request.status).toBe('denied');
  });
});

describe('IDOR: erin cannot reach alice’s request or grant', () => {
  let requestId: string;
  let grantId: string;
  let grantBefore: { status: string; expiresAt: Date };

  beforeAll(async () => {
    const created = await post(api.createRequest, tokens.alice!, undefined, { resource: 'feature-flags', role: 'editor', durationMinutes: 20, justification: 'second rollout' });
    requestId = created.json.request.id;
    const grant = await h.database.db.grant.findFirstOrThrow({ where: { user: { email: 'alice@example.com' }, status: 'active' } });
    grantId = grant.id;
    grantBefore = { status: grant.status, expiresAt: grant.expiresAt };
  });

  it.each([
    ['GET the request', () => get(api.getRequest, tokens.erin!, requestId)],
    ['cancel the request', () => post(api.cancel, tokens.erin!, requestId, { comment: 'mine now' })],
    ['GET the grant', () => get(api.getGrant, tokens.erin!, grantId)],
    ['revoke the grant', () => post(api.revoke, tokens.erin!, grantId, { reason: 'gotcha' })],
    ['extend the grant', () => post(api.extend, tokens.erin!, grantId, { minutes: 5, justification: 'gotcha for the test' })],
  ])('%s: 404', async (_, attempt) => {
    const res = await attempt();
    expect(res.status).toBe(404);
    expect(res.json.error.code).toBe('not_found');
  });

  it('left everything as it was, and lists show erin nothing of alice’s', async () => {
    expect((await h.database.db.accessRequest.findUniqueOrThrow({ where: { id: requestId } })).status).toBe('pending');
    const grant = await h.database.db.grant.findUniqueOrThrow({ where: { id: grantId } });
    expect({ status: grant.status, expiresAt: grant.expiresAt }).toEqual(grantBefore);
    const requests = await get(api.listRequests, tokens.erin!);
    expect(requests.json.items.map((r: { id: string }) => r.id)).not.toContain(requestId);
    const grants = await get(api.listGrants, tokens.erin!, undefined, '?all=true');
    expect(grants.json.items.map((g: { id: string }) => g.id)).not.toContain(grantId);
  });

  it('a malformed id is a 404 too, never a 400 or 500', async () => {
    const res = await get(api.getRequest, tokens.erin!, 'not-a-uuid');
    expect(res.status).toBe(404);
    expect(res.json.error).toEqual({ code: 'not_found', message: 'No such request.' });
    expect((await post(api.revoke, tokens.erin!, "1' OR '1'='1")).status).toBe(404);
  });

  it('alice herself cancels it (200), and a second cancel is a 409', async () => {
    const cancelled = await post(api.cancel, tokens.alice!, requestId);
    expect(cancelled.status).toBe(200);
    expect(cancelled.json.request.status).toBe('cancelled');
    expect((await post(api.cancel, tokens.alice!, requestId)).status).toBe(409);
  });
});

describe('lists', () => {
  it('filters requests by status and mine, and refuses unknown query parameters', async () => {
    const mine = await get(api.listRequests, tokens.alice!, undefined, '?mine=true&status=cancelled&limit=5');
    expect(mine.status).toBe(200);
    expect(mine.json.items.length).toBeGreaterThan(0);
    expect(mine.json.items.every((r: { status: string; requester: { email: string } }) => r.status === 'cancelled' && r.requester.email === 'alice@example.com')).toBe(true);
    for (const query of ['?status=bogus', '?limit=0', '?limit=abc', '?mine=yes', '?mine=true&mine=false', '?sort=id']) {
      const res = await get(api.listRequests, tokens.alice!, undefined, query);
      expect(res.status, query).toBe(400);
      expect(res.json.error.code).toBe('bad_request');
    }
  });

  it('checks the check query', async () => {
    const res = await get(api.check, tokens.checker!, undefined, '?user=alice&resource=feature-flags&role=editor');
    expect(res.status).toBe(400);
    expect(res.json.error.fields).toHaveProperty('user');
    expect((await get(api.check, tokens.checker!, undefined, '')).status).toBe(400);
  });
});
