import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as reviewRoute from '@/app/api/v1/reviews/[grantId]/route';
import * as reviewsRoute from '@/app/api/v1/reviews/route';
import * as requestsRoute from '@/app/api/v1/requests/route';
import * as extendRoute from '@/app/api/v1/grants/[id]/extend/route';
import { call, createApiHarness, type ApiHarness, type Handler } from '@/lib/testing/api-harness';

// Break-glass over /api/v1: POST /requests with "breakGlass": true, GET /reviews, POST /reviews/{grantId}.
// Same JSON error shape as every endpoint; 403/409/422 as for other requests.

let h: ApiHarness;
const tokens: Record<string, string> = {};
const why = 'INC-77 checkout is failing, need to disable the new flag';

const createRequest = (token: string, body: unknown) => call(requestsRoute.POST as Handler, '/api/v1/requests', { method: 'POST', token, body });
const listReviews = (token: string) => call(reviewsRoute.GET as Handler, '/api/v1/reviews', { token });
const review = (token: string, grantId: string, body: unknown) => call(reviewRoute.POST as Handler, `/api/v1/reviews/${grantId}`, { method: 'POST', token, body, params: { grantId } });

beforeAll(async () => {
  h = await createApiHarness();
  const editor = await h.database.db.entitlement.findFirstOrThrow({ where: { role: 'editor', resource: { slug: 'feature-flags' } } });
  await h.database.db.policy.update({ where: { entitlementId: editor.id }, data: { breakGlassAllowed: true, breakGlassMaxMinutes: 30 } });
  tokens.alice = await h.token('alice@example.com', ['requests', 'grants', 'approvals']);
  tokens.bob = await h.token('bob@example.com', ['approvals']);
  tokens.bobRequestsOnly = await h.token('bob@example.com', ['requests']);
  tokens.frank = await h.token('frank@example.com', ['approvals']);
});
afterAll(async () => h?.close());

describe('break-glass over the API', () => {
  it('grants at once, queues it for review, and lets exactly one approver who is not the holder close it', async () => {
    const created = await createRequest(tokens.alice!, { resource: 'feature-flags', role: 'editor', durationMinutes: 20, justification: why, breakGlass: true });
    expect(created.status).toBe(201);
    expect(created.json.request).toMatchObject({ status: 'approved', breakGlass: true, grant: { status: 'active', breakGlass: true, needsReview: true } });
    const grantId: string = created.json.request.grant.id;

    const extended = await call(extendRoute.POST as Handler, `/api/v1/grants/${grantId}/extend`, { method: 'POST', token: tokens.alice!, params: { id: grantId }, body: { minutes: 5, justification: 'a little longer please' } });
    expect(extended.status).toBe(403);
    expect(extended.json.error).toMatchObject({ code: 'forbidden', message: expect.stringMatching(/cannot be extended/) });

    const queue = await listReviews(tokens.bob!);
    expect(queue.status).toBe(200);
    expect(queue.json.items).toEqual([expect.objectContaining({ justification: why, ticket: null, overdue: false, grant: expect.objectContaining({ id: grantId, breakGlass: true }) })]);
    expect((await listReviews(tokens.alice!)).json.items).toEqual([]);
    expect((await listReviews(tokens.bobRequestsOnly!)).status).toBe(403);

    expect((await review(tokens.alice!, grantId, { outcome: 'justified' })).status).toBe(403);
    const noComment = await review(tokens.bob!, grantId, { outcome: 'not_justified' });
    expect(noComment.status).toBe(422);
    expect(noComment.json.error).toMatchObject({ code: 'unprocessable', message: expect.stringMatching(/comment is required/) });
    expect((await review(tokens.bob!, grantId, { outcome: 'maybe' })).status).toBe(400);
    expect((await review(tokens.bob!, '00000000-0000-4000-8000-000000000000', { outcome: 'justified' })).status).toBe(404);

    const [first, second] = await Promise.all([review(tokens.bob!, grantId, { outcome: 'justified', comment: 'INC-77 was real' }), review(tokens.frank!, grantId, { outcome: 'justified' })]);
    expect([first.status, second.status].sort()).toEqual([200, 409]);
    const ok = first.status === 200 ? first : second;
    expect(ok.json.grant).toMatchObject({ id: grantId, needsReview: false, review: { outcome: 'justified' } });
    expect((await listReviews(tokens.bob!)).json.items).toEqual([]);
  });

  it('answers 403 with a message saying so when the role has break-glass off', async () => {
    const refused = await createRequest(tokens.alice!, { resource: 'feature-flags', role: 'admin', durationMinutes: 10, justification: why, breakGlass: true });
    expect(refused.status).toBe(403);
    expect(refused.json.error).toMatchObject({ code: 'forbidden', message: expect.stringMatching(/Break-glass is not allowed for this role/) });
  });

  it('refuses a short justification (422) and a break-glass flag that is not a boolean (400, like any malformed input)', async () => {
    const short = await createRequest(tokens.alice!, { resource: 'feature-flags', role: 'editor', durationMinutes: 10, justification: 'urgent', breakGlass: true });
    expect(short.status).toBe(422);
    expect(short.json.error.message).toMatch(/at least 20 characters/);
    expect((await createRequest(tokens.alice!, { resource: 'feature-flags', role: 'editor', durationMinutes: 10, justification: why, breakGlass: 'yes' })).status).toBe(400);
  });
});
