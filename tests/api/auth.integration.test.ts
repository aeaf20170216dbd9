import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { allScopes } from '@/lib/domain/scopes';
import { revokeApiToken } from '@/lib/services/tokens/revoke-api-token';
import { call, createApiHarness, type ApiHarness } from '@/lib/testing/api-harness';
import { api, at, type Endpoint } from './routes';

// Who gets in: missing, malformed, unknown, revoked and expired tokens, disabled users, and scopes.

let h: ApiHarness;
let alice: string;
let ids: { request: string; grant: string };

beforeAll(async () => {
  h = await createApiHarness();
  alice = await h.token('alice@example.com', ['requests', 'grants']);
  const created = await call(api.createRequest.handler, '/api/v1/requests', { token: alice, body: { resource: 'api-test-flags', role: 'admin', durationMinutes: 30 } });
  expect(created.status).toBe(201);
  ids = { request: created.json.request.id, grant: created.json.request.grant.id };
});
afterAll(async () => h?.close());

const listRequests = (init: Parameters<typeof call>[2]) => call(api.listRequests.handler, '/api/v1/requests', init);

describe('authentication', () => {
  it('answers 401 with WWW-Authenticate when the token is missing', async () => {
    const res = await listRequests({});
    expect(res.status).toBe(401);
    expect(res.json).toEqual({ error: { code: 'unauthenticated', message: expect.stringContaining('Bearer') } });
    expect(res.headers.get('www-authenticate')).toBe('Bearer realm="timebox"');
    expect(res.headers.get('cache-control')).toBe('no-store');
  });

  it.each([
    ['another scheme', { authorization: `Basic ${Buffer.from('alice:pw').toString('base64')}` }],
    ['an empty bearer', { authorization: 'Bearer ' }],
    ['a malformed token', { authorization: 'Bearer tbx_short' }],
    ['an unknown token of the right shape', { authorization: `Bearer tbx_${'A'.repeat(43)}` }],
    ['a token with trailing junk', { authorization: `Bearer tbx_${'A'.repeat(43)} extra` }],
  ])('answers 401 for %s', async (_, headers) => {
    const res = await listRequests({ headers });
    expect(res.status).toBe(401);
    expect(res.json.error.code).toBe('unauthenticated');
    expect(res.headers.get('www-authenticate')).toMatch(/^Bearer realm="timebox"/);
  });

  it('accepts the scheme in any case, records lastUsedAt, the client address and user agent', async () => {
    // The socket peer is recorded; the X-Forwarded-For the client forged is not (no proxy is trusted).
    const res = await call(api.createRequest.handler, '/api/v1/requests', {
      headers: { authorization: `bearer ${alice}`, 'x-timebox-peer-address': '203.0.113.7', 'x-forwarded-for': '6.6.6.6', 'user-agent': 'deploy-bot/1.0' },
      body: { resource: 'feature-flags', role: 'editor', durationMinutes: 10, justification: 'pipeline for the test' },
    });
    expect(res.status).toBe(201);
    const event = await h.database.db.auditEvent.findFirstOrThrow({ where: { action: 'request.created', requestId: res.json.request.id } });
    const token = await h.database.db.apiToken.findFirstOrThrow({ where: { user: { email: 'alice@example.com' } } });
    expect(event).toMatchObject({ ip: '203.0.113.7', userAgent: 'deploy-bot/1.0', tokenId: token.id });
    expect(token.lastUsedAt).toEqual(h.clock.now());
  });

  it('refuses a revoked token', async () => {
    const secret = await h.token('alice@example.com', ['requests']);
    expect((await listRequests({ token: secret })).status).toBe(200);
    const row = await h.database.db.apiToken.findFirstOrThrow({ where: { prefix: secret.slice(4, 12) } });
    await revokeApiToken(h.deps, await h.ctxOf('alice@example.com'), { tokenId: row.id });
    const res = await listRequests({ token: secret });
    expect(res.status).toBe(401);
    expect(res.headers.get('www-authenticate')).toContain('error="invalid_token"');
  });

  it('refuses an expired token from the instant it expires', async () => {
    const secret = await h.token('alice@example.com', ['requests'], 1);
    const start = h.clock.now();
    try {
      h.clock.advance(24 * 60 * 60_000 - 1);
      expect((await listRequests({ token: secret })).status).toBe(200);
      h.clock.advance(1);
      expect((await listRequests({ token: secret })).status).toBe(401);
    } finally {
      h.clock.set(start);
    }
  });

  it('refuses the token of a disabled user', async () => {
    const secret = await h.token('erin@example.com', ['requests']);
    expect((await listRequests({ token: secret })).status).toBe(200);
    await h.database.db.user.update({ where: { email: 'erin@example.com' }, data: { disabledAt: h.clock.now() } });
    expect((await listRequests({ token: secret })).status).toBe(401);
  });

  it('drops a scope the user no longer may hold (an auditor moved back to member)', async () => {
    const dave = await h.database.db.user.findUniqueOrThrow({ where: { email: 'dave@example.com' } });
    // Written as an older version might have: an audit scope on a member's token, plus an unknown scope.
    await h.database.db.user.update({ where: { id: dave.id }, data: { role: 'member' } });
    const secret = await h.token('dave@example.com', ['requests']);
    await h.database.db.apiToken.updateMany({ where: { userId: dave.id }, data: { scopes: ['requests', 'audit', 'superpowers'] } });
    const { authenticateToken } = await import('@/lib/services/tokens/authenticate-token');
    expect((await authenticateToken(h.deps, secret))?.token.scopes).toEqual(['requests']);
  });
});

describe('scopes: a token without the endpoint’s scope gets 403 everywhere', () => {
  const endpoints = Object.entries(api) as [string, Endpoint][];

  it.each(endpoints)('%s', async (name, endpoint) => {
    const others = allScopes.filter((s) => s !== endpoint.scope && s !== 'audit' && s !== 'activity' && s !== 'check_any' && s !== 'requests:delegate');
    const secret = await h.token('alice@example.com', others);
    const id = /\/(grants|reviews)\//.test(endpoint.path) ? ids.grant : ids.request;
    const { path, params } = at(endpoint, endpoint.hasId ? id : undefined);
    const before = { requests: await h.database.db.accessRequest.count(), reviews: await h.database.db.review.count(), grant: await h.database.db.grant.findUniqueOrThrow({ where: { id: ids.grant } }) };
    const query = name === 'check' ? '?user=alice%40example.com&resource=api-test-flags&role=admin' : '';
    const body = endpoint.method === 'POST' ? { resource: 'api-test-flags', role: 'admin', durationMinutes: 5, minutes: 5, justification: 'x for the test', comment: 'x' } : undefined;
    const res = await call(endpoint.handler, path + query, { method: endpoint.method, token: secret, params, body });
    expect(res.status).toBe(403);
    expect(res.json.error).toEqual({ code: 'forbidden', message: `This token lacks the "${endpoint.scope}" scope.` });
    // nothing moved
    expect(await h.database.db.accessRequest.count()).toBe(before.requests);
    expect(await h.database.db.review.count()).toBe(before.reviews);
    expect(await h.database.db.grant.findUniqueOrThrow({ where: { id: ids.grant } })).toEqual(before.grant);
  });

  it('the same calls succeed with the right scope (so the 403s above are about scope)', async () => {
    const secret = await h.token('alice@example.com', ['check']);
    const res = await call(api.check.handler, '/api/v1/access/check?user=alice%40example.com&resource=api-test-flags&role=admin', { token: secret });
    expect(res.status).toBe(200);
    expect(res.json).toMatchObject({ allowed: true, grantId: ids.grant });
  });
});

describe("the check scope covers only the token's own user", () => {
  const check = (secret: string, user: string) => call(api.check.handler, `/api/v1/access/check?user=${encodeURIComponent(user)}&resource=api-test-flags&role=admin`, { token: secret });

  it('a member checks themselves, and is refused (not told) about a colleague', async () => {
    const bob = await h.token('bob@example.com', ['check']);
    expect((await check(bob, 'bob@example.com')).json).toEqual({ allowed: false, grantId: null, expiresAt: null });
    const res = await check(bob, 'alice@example.com');
    expect(res.status).toBe(403);
    expect(res.json.error.code).toBe('forbidden');
    expect(JSON.stringify(res.json)).not.toContain(ids.grant);
    // The same for an unknown e-mail: the refusal does not depend on who exists.
    expect((await check(bob, 'nobody@example.com')).status).toBe(403);
  });

  it("a member cannot give a token check_any; an admin can, and an admin's plain check covers only themselves", async () => {
    await expect(h.token('alice@example.com', ['check_any'])).rejects.toMatchObject({ code: 'forbidden' });
    const adminCheck = await h.token('carol@example.com', ['check']);
    expect((await check(adminCheck, 'alice@example.com')).status).toBe(403);
    const service = await h.token('carol@example.com', ['check_any']);
    const res = await check(service, 'alice@example.com');
    expect(res.status).toBe(200);
    expect(res.json).toMatchObject({ allowed: true, grantId: ids.grant });
  });

  it('nothing is remembered between checks: a revoked token is refused on the very next one', async () => {
    const service = await h.token('carol@example.com', ['check_any']);
    expect((await check(service, 'alice@example.com')).json).toMatchObject({ allowed: true, grantId: ids.grant });
    const row = await h.database.db.apiToken.findFirstOrThrow({ where: { prefix: service.slice(4, 12) } });
    await revokeApiToken(h.deps, await h.ctxOf('carol@example.com'), { tokenId: row.id });
    const refused = await check(service, 'alice@example.com');
    expect(refused.status).toBe(401);
    expect(refused.headers.get('www-authenticate')).toContain('error="invalid_token"');
    expect(JSON.stringify(refused.json)).not.toContain(ids.grant);
  });

  it('a token that lost check_any (its admin became a member) is refused on the very next check', async () => {
    const service = await h.token('carol@example.com', ['check_any']);
    expect((await check(service, 'alice@example.com')).status).toBe(200);
    await h.database.db.user.update({ where: { email: 'carol@example.com' }, data: { role: 'member' } });
    try {
      expect((await check(service, 'alice@example.com')).status).toBe(403);
    } finally {
      await h.database.db.user.update({ where: { email: 'carol@example.com' }, data: { role: 'admin' } });
    }
  });
});

describe('request bodies', () => {
  const create = (body: string | Uint8Array, headers: Record<string, string> = { 'content-type': 'application/json' }) =>
    call(api.createRequest.handler, '/api/v1/requests', { method: 'POST', token: alice, body, headers });

  it.each([
    ['malformed JSON', '{"resource": ', 400, 'bad_request', 'Malformed JSON in the request body.'],
    ['an array', '[1,2]', 400, 'bad_request', 'The body must be a JSON object.'],
    ['null', 'null', 400, 'bad_request', 'The body must be a JSON object.'],
    ['an unknown field', JSON.stringify({ resource: 'api-test-flags', role: 'admin', durationMinutes: 5, admin: true }), 400, 'bad_request', 'Input: Unknown field(s): admin'],
  ])('%s → %i %s', async (_, body, status, code, message) => {
    const res = await create(body);
    expect(res.status).toBe(status);
    expect(res.json.error).toMatchObject({ code, message });
  });

  it('refuses a body over 64 KiB with 413, with or without Content-Length', async () => {
    const big = JSON.stringify({ resource: 'api-test-flags', role: 'admin', durationMinutes: 5, justification: 'x for the test'.repeat(70_000) });
    const res = await create(big);
    expect(res.status).toBe(413);
    expect(res.json.error.code).toBe('payload_too_large');
    const declared = await create('{}', { 'content-type': 'application/json', 'content-length': '999999' });
    expect(declared.status).toBe(413);
  });

  it('refuses a non-JSON content type with 415, and invalid UTF-8 with 400', async () => {
    const form = await create('resource=api-test-flags&role=admin', { 'content-type': 'application/x-www-form-urlencoded' });
    expect(form.status).toBe(415);
    expect(form.json.error.code).toBe('unsupported_media_type');
    const bytes = await create(new Uint8Array([0x7b, 0x22, 0xff, 0xfe, 0x22, 0x7d]));
    expect(bytes.status).toBe(400);
    expect(bytes.json.error.message).toBe('The body is not valid UTF-8.');
  });

  it('accepts application/json with a charset and a BOM', async () => {
    const text = '\uFEFF' + JSON.stringify({ resource: 'api-test-flags', role: 'nope', durationMinutes: 5 });
    const res = await create(text, { 'content-type': 'application/json; charset=utf-8' });
    expect(res.status).toBe(404); // parsed fine; the role does not exist
  });
});

describe('handlers that answer with their own Response', () => {
  it('pass it through after the checks, still uncached', async () => {
    const { apiRoute } = await import('@/lib/http/api-handler');
    const csv = apiRoute({ scope: 'requests' }, async () => new Response('a,b\n1,2\n', { headers: { 'content-type': 'text/csv' } }));
    const res = await csv(new Request('http://test/x', { headers: { authorization: `Bearer ${alice}` } }));
    expect([res.status, res.headers.get('content-type'), res.headers.get('cache-control'), await res.text()]).toEqual([200, 'text/csv', 'no-store', 'a,b\n1,2\n']);
    const denied = await csv(new Request('http://test/x'));
    expect(denied.status).toBe(401);
  });
});
