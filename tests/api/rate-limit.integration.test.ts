import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as nextAuthRoute from '@/app/api/auth/[...nextauth]/route';
import { createRateLimiters, limiterSpecs, rateLimitsFor } from '@/lib/http/rate-limit';
import { lookUpToken } from '@/lib/services/tokens/authenticate-token';
import { PEER_ADDRESS_HEADER } from '@/lib/http/peer-address';
import { call, createApiHarness, type ApiHarness } from '@/lib/testing/api-harness';
import { api } from './routes';

// Rate limits on the real database: two limiter sets over one database stand for two app instances
// (they must agree), and the API's bad-token limit answers 429 with Retry-After and audits the block once.

let h: ApiHarness;
beforeAll(async () => {
  h = await createApiHarness();
});
afterAll(async () => h?.close());

const rateLimitedEvents = (ip: string) => h.database.db.auditEvent.findMany({ where: { action: 'security.rate_limited', ip } });

describe('the database store', () => {
  it('is shared: hits through two instances count together, and the block is audited once', async () => {
    const instanceA = createRateLimiters({ db: h.database.db, store: 'database' });
    const instanceB = createRateLimiters({ db: h.database.db, store: 'database' });
    const { points } = limiterSpecs.badToken;
    const ip = '198.51.100.200';
    for (let i = 0; i < points; i++) expect((await (i % 2 ? instanceA : instanceB).hit('badToken', ip, { ip })).limited).toBe(false);
    expect(await h.database.db.rateLimit.count({ where: { key: `badToken:${ip}` } })).toBe(1);
    const over = await instanceA.hit('badToken', ip, { ip });
    expect(over.limited).toBe(true);
    expect(over.retryAfterSeconds).toBeGreaterThan(0);
    await expect(instanceB.assertAllowed('badToken', ip)).rejects.toMatchObject({ code: 'rate_limited', status: 429 });
    await instanceB.hit('badToken', ip, { ip });
    expect(await rateLimitedEvents(ip)).toHaveLength(1);
    // Another address is untouched.
    await expect(instanceB.assertAllowed('badToken', '198.51.100.201')).resolves.toBeUndefined();
    await instanceA.reset('badToken', ip);
    await expect(instanceB.assertAllowed('badToken', ip)).resolves.toBeUndefined();
  });

  it("is read in the token's own statement with the library's answer: blocked, not blocked, window over", async () => {
    const limits = createRateLimiters({ db: h.database.db, store: 'database' });
    const alice = await h.token('alice@example.com', ['requests']);
    const unknown = `tbx_${'U'.repeat(43)}`;
    const ip = '198.51.100.210';
    const lookUp = (secret: string, address: string) => lookUpToken(h.deps, secret, { limit: limits.countRead('badToken', address)! });
    const decision = async (check: () => unknown) => {
      try {
        await check();
        return 'allowed';
      } catch (error) {
        return (error as { code?: string }).code;
      }
    };

    // Counted but under the limit: the count comes back beside the actor, and both readings allow.
    await limits.hit('badToken', ip, { ip });
    const under = await lookUp(alice, ip);
    expect(under.identity?.actor.email).toBe('alice@example.com');
    expect(under.limitCount).toMatchObject({ points: 1, expire: expect.any(Date) });
    expect(await decision(() => limits.assertAllowedFrom('badToken', under.limitCount))).toBe('allowed');

    // Over the limit: refused however the token reads (good or unknown), as the library's own get() says.
    for (let i = 0; i < limiterSpecs.badToken.points; i++) await limits.hit('badToken', ip, { ip });
    for (const secret of [alice, unknown]) {
      const over = await lookUp(secret, ip);
      expect(over.limitCount?.points).toBe(limiterSpecs.badToken.points + 1);
      expect(await decision(() => limits.assertAllowedFrom('badToken', over.limitCount))).toBe('rate_limited');
    }
    expect((await lookUp(unknown, ip)).identity).toBeNull();
    expect(await decision(() => limits.assertAllowed('badToken', ip))).toBe('rate_limited');
    try {
      limits.assertAllowedFrom('badToken', (await lookUp(alice, ip)).limitCount);
    } catch (error) {
      const wait = (error as { details: { retryAfterSeconds: number } }).details.retryAfterSeconds;
      expect(wait).toBeGreaterThan(limiterSpecs.badToken.blockDuration - 60);
      expect(wait).toBeLessThanOrEqual(limiterSpecs.badToken.blockDuration);
    }

    // Another address has no count; a row whose window is over counts as none (the library starts anew).
    expect((await lookUp(alice, '198.51.100.211')).limitCount).toBeNull();
    await h.database.db.rateLimit.update({ where: { key: `badToken:${ip}` }, data: { expire: new Date(Date.now() - 1000) } });
    const over = await lookUp(alice, ip);
    expect(over.limitCount).toBeNull();
    expect(await decision(() => limits.assertAllowed('badToken', ip))).toBe('allowed');
  });

  it('consume() limits per attempt (break-glass, device sign-in)', async () => {
    const limits = createRateLimiters({ db: h.database.db, store: 'database' });
    for (let i = 0; i < limiterSpecs.breakGlass.points; i++) await limits.consume('breakGlass', 'user-1');
    await expect(limits.consume('breakGlass', 'user-1')).rejects.toMatchObject({ code: 'rate_limited', details: { retryAfterSeconds: expect.any(Number) } });
  });
});

describe('bad API tokens', () => {
  it('answer 401 until the limit, then 429 with Retry-After, from that address only', async () => {
    const bad = `tbx_${'B'.repeat(43)}`;
    const from = (ip: string) => call(api.listRequests.handler, '/api/v1/requests', { token: bad, headers: { [PEER_ADDRESS_HEADER]: ip } });
    for (let i = 0; i < limiterSpecs.badToken.points; i++) expect((await from('203.0.113.99')).status).toBe(401);
    const refused = await from('203.0.113.99');
    expect(refused.status).toBe(429);
    expect(Number(refused.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(refused.json.error.code).toBe('rate_limited');
    expect((await from('203.0.113.98')).status).toBe(401);
    // A good token from the blocked address is refused too: the check comes before any lookup.
    const alice = await h.token('alice@example.com', ['requests']);
    expect((await call(api.listRequests.handler, '/api/v1/requests', { token: alice, headers: { [PEER_ADDRESS_HEADER]: '203.0.113.99' } })).status).toBe(429);
    expect((await call(api.listRequests.handler, '/api/v1/requests', { token: alice, headers: { [PEER_ADDRESS_HEADER]: '203.0.113.98' } })).status).toBe(200);
    expect(await rateLimitedEvents('203.0.113.99')).toHaveLength(1);
  });
});

describe('sign-in', () => {
  it('refuses an address over the failure limit with 429, Retry-After and next-auth’s {url} shape', async () => {
    const limits = rateLimitsFor(h.database.db);
    const ip = '192.0.2.150';
    for (let i = 0; i <= limiterSpecs.signInFailure.points; i++) await limits.hit('signInFailure', ip, { ip });
    const request = new Request('http://test/api/auth/callback/credentials', {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', [PEER_ADDRESS_HEADER]: ip },
      body: 'email=alice%40example.com&csrfToken=x&json=true',
    });
    const response = await nextAuthRoute.POST(request, { params: Promise.resolve({ nextauth: ['callback', 'credentials'] }) });
    expect(response.status).toBe(429);
    expect(Number(response.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(await response.json()).toMatchObject({ url: '/login?error=RateLimited' });
  });
});
