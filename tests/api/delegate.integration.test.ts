import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApiToken } from '@/lib/services/tokens/create-api-token';
import { call, createApiHarness, type ApiHarness } from '@/lib/testing/api-harness';
import { api } from './routes';

// Requests on behalf of others (issue 12, item 3): a token with `requests:delegate` — which only admins
// may give — submits a request that is the other user's: their eligibility and policy apply, they cannot
// approve it, it is in their list, and the audit event names both who asked (user and token) and for whom.

let h: ApiHarness;
let pipeline: string; // carol (admin, in no group) with requests + requests:delegate
let plain: string; // carol with requests only
const create = (token: string, body: Record<string, unknown>) => call(api.createRequest.handler, '/api/v1/requests', { token, body });

beforeAll(async () => {
  h = await createApiHarness();
  pipeline = await h.token('carol@example.com', ['requests', 'requests:delegate']);
  plain = await h.token('carol@example.com', ['requests']);
});
afterAll(async () => h?.close());

describe('onBehalfOf', () => {
  it('only admins may give a token the scope', async () => {
    await expect(createApiToken(h.deps, await h.ctxOf('alice@example.com'), { name: 'x', scopes: ['requests', 'requests:delegate'] })).rejects.toMatchObject({ code: 'forbidden' });
    await expect(createApiToken(h.deps, await h.ctxOf('dave@example.com'), { name: 'x', scopes: ['requests:delegate'] })).rejects.toMatchObject({ code: 'forbidden' });
  });

  it('is refused without the scope, and creates nothing', async () => {
    const res = await create(plain, { resource: 'api-test-flags', role: 'admin', durationMinutes: 30, onBehalfOf: 'alice@example.com' });
    expect(res.status).toBe(403);
    expect(await h.database.db.accessRequest.count({ where: { requester: { email: 'alice@example.com' } } })).toBe(0);
  });

  it('makes the request the other user’s, decided by their groups, and audits who asked', async () => {
    // carol herself is in no group, so only alice's eligibility (engineering, auto-approved ≤ 60 min) can let this through.
    const res = await create(pipeline, { resource: 'api-test-flags', role: 'admin', durationMinutes: 30, justification: 'deploy for the test', onBehalfOf: 'Alice@Example.com' });
    expect(res.status).toBe(201);
    expect(res.json.request).toMatchObject({ status: 'approved', autoApproved: true, requester: { email: 'alice@example.com' }, grant: { user: { email: 'alice@example.com' } } });

    const carol = await h.database.db.user.findUniqueOrThrow({ where: { email: 'carol@example.com' } });
    const token = await h.database.db.apiToken.findFirstOrThrow({ where: { userId: carol.id, scopes: { has: 'requests:delegate' } } });
    const event = await h.database.db.auditEvent.findFirstOrThrow({ where: { action: 'request.created', requestId: res.json.request.id } });
    expect(event).toMatchObject({ actorId: carol.id, tokenId: token.id, data: { onBehalfOf: 'alice@example.com' } });

    const alice = await h.token('alice@example.com', ['requests']);
    const mine = await call(api.listRequests.handler, '/api/v1/requests?mine=true', { token: alice });
    expect(mine.json.items.map((r: { id: string }) => r.id)).toContain(res.json.request.id);
  });

  it('applies the other user’s eligibility', async () => {
    const res = await create(pipeline, { resource: 'api-test-flags', role: 'admin', durationMinutes: 30, onBehalfOf: 'dave@example.com' });
    expect(res.status).toBe(403);
    expect(await h.database.db.accessRequest.count({ where: { requester: { email: 'dave@example.com' } } })).toBe(0);
  });

  it('leaves the decision to the approvers: the user it is for cannot approve it', async () => {
    // 90 minutes is past the auto-approval limit: pending for sre-leads.
    const res = await create(pipeline, { resource: 'api-test-flags', role: 'admin', durationMinutes: 90, onBehalfOf: 'bob@example.com' });
    expect(res.status).toBe(201);
    expect(res.json.request).toMatchObject({ status: 'pending', requester: { email: 'bob@example.com' } });
    const bob = await h.token('bob@example.com', ['approvals']);
    const self = await call(api.approve.handler, `/api/v1/requests/${res.json.request.id}/approve`, { token: bob, params: { id: res.json.request.id }, body: {} });
    expect(self.status).toBe(403);
    const frank = await h.token('frank@example.com', ['approvals']);
    const other = await call(api.approve.handler, `/api/v1/requests/${res.json.request.id}/approve`, { token: frank, params: { id: res.json.request.id }, body: {} });
    expect(other.status).toBe(200);
    expect(other.json.request).toMatchObject({ status: 'approved', grant: { user: { email: 'bob@example.com' } } });
  });

  it('names an unknown or disabled user as a field error', async () => {
    const res = await create(pipeline, { resource: 'api-test-flags', role: 'admin', durationMinutes: 30, onBehalfOf: 'nobody@example.com' });
    expect(res.status).toBe(422);
    expect(res.json.error.fields).toEqual({ onBehalfOf: expect.any(String) });
  });
});
