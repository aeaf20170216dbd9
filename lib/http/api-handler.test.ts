import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { overrideServiceDeps } from '@/lib/services/runtime';
import type { ServiceDeps } from '@/lib/services/deps';
import { apiRoute } from './api-handler';

// What apiRoute does before any database work: refuse calls without a bearer token.
// (Token lookup, scopes and bodies are covered against a real database in lib/http/api/*.integration.test.ts.)

beforeAll(() => overrideServiceDeps({} as ServiceDeps)); // never touched: every call here stops at the header
afterAll(() => overrideServiceDeps(null));

describe('apiRoute without a usable Authorization header', () => {
  let called = false;
  const route = apiRoute({ scope: 'requests', body: z.object({ a: z.string() }).strict() }, async () => {
    called = true;
    return { ok: true };
  });

  it.each<Record<string, string>>([{}, { authorization: 'Basic x' }, { authorization: 'Bearer' }])('answers 401 and never runs the handler: %j', async (headers) => {
    const res = await route(new Request('http://test/api/v1/x', { method: 'POST', headers, body: '{"a":"b"}' }));
    expect(res.status).toBe(401);
    expect(res.headers.get('www-authenticate')).toBe('Bearer realm="timebox"');
    expect(res.headers.get('cache-control')).toBe('no-store');
    expect(await res.json()).toEqual({ error: { code: 'unauthenticated', message: 'Send an API token: Authorization: Bearer <token>.' } });
    expect(called).toBe(false);
  });
});

describe('apiRoute over https', () => {
  it('sends HSTS on its answers, refusals included (/api/v1 skips the proxy that sends it elsewhere)', async () => {
    const route = apiRoute({ scope: 'requests' }, async () => ({ ok: true }));
    const saved = process.env.NEXTAUTH_URL;
    try {
      process.env.NEXTAUTH_URL = 'https://timebox.example.com';
      const res = await route(new Request('http://test/api/v1/x'));
      expect(res.status).toBe(401);
      expect(res.headers.get('strict-transport-security')).toMatch(/^max-age=\d{8,}/);
    } finally {
      if (saved === undefined) delete process.env.NEXTAUTH_URL;
      else process.env.NEXTAUTH_URL = saved;
    }
  });
});
