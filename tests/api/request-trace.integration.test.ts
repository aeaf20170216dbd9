import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { z } from 'zod';
import * as portalExport from '@/app/api/portal/audit/export/route';
import { createResourceAction } from '@/app/(portal)/admin/actions';
import { submitRequest } from '@/app/(portal)/requests/actions';
import { getCurrentActor } from '@/lib/auth/current-actor';
import { log } from '@/lib/log';
import { apiRoute } from '@/lib/http/api-handler';
import { authedAction } from '@/lib/http/server-action';
import { call, createApiHarness, type ApiHarness, type Handler } from '@/lib/testing/api-harness';
import { api } from './routes';

// What every entry point records about a request, whichever way it came in: the client's address and
// user agent in the audit event, and a request id that ties the response to the log line.
// Server actions and /api/portal routes read the session and next/headers, which only exist inside
// Next's request scope: here both are stand-ins, and everything after them is real.

// The integration tier shares modules between the files of a worker (isolate: false), so an earlier file may
// have loaded the real ones already: this file starts from an empty module registry (hoisted above the
// imports), and hands the next file the real modules again.
vi.hoisted(() => vi.resetModules());
vi.mock('next/headers', () => ({ headers: vi.fn() }));
vi.mock('@/lib/auth/current-actor', () => ({ getCurrentActor: vi.fn() }));
const { headers } = await import('next/headers');

let h: ApiHarness;
beforeAll(async () => {
  h = await createApiHarness();
});
afterAll(async () => {
  await h?.close();
  vi.doUnmock('next/headers');
  vi.doUnmock('@/lib/auth/current-actor');
  vi.resetModules();
});
afterEach(() => vi.restoreAllMocks());

/** A browser request from `email`, as server actions and /api/portal routes see it. */
async function browserSession(email: string, requestHeaders: Record<string, string>) {
  vi.mocked(getCurrentActor).mockResolvedValue((await h.ctxOf(email)).actor);
  vi.mocked(headers).mockResolvedValue(new Headers(requestHeaders) as Awaited<ReturnType<typeof headers>>);
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

describe('the client address and user agent reach the audit trail', () => {
  it('from a web form (server action)', async () => {
    await browserSession('alice@example.com', { 'x-timebox-peer-address': '198.51.100.23', 'user-agent': 'Firefox/140' });
    const result = await submitRequest({ resource: 'feature-flags', role: 'editor', durationMinutes: 15, justification: 'from the form' });
    if (!result.ok) throw new Error(`submitRequest failed: ${JSON.stringify(result.error)}`);
    const event = await h.database.db.auditEvent.findFirstOrThrow({ where: { action: 'request.created', requestId: result.data.id } });
    expect(event).toMatchObject({ ip: '198.51.100.23', userAgent: 'Firefox/140', tokenId: null });
  });

  it('from an API token call', async () => {
    const token = await h.token('alice@example.com', ['requests']);
    const res = await call(api.createRequest.handler, '/api/v1/requests', {
      token,
      headers: { 'x-timebox-peer-address': '203.0.113.50', 'user-agent': 'terraform/1.9' },
      body: { resource: 'api-test-flags', role: 'admin', durationMinutes: 15 }, // alice's form request holds feature-flags
    });
    expect(res.status).toBe(201);
    const event = await h.database.db.auditEvent.findFirstOrThrow({ where: { action: 'request.created', requestId: res.json.request.id } });
    expect(event).toMatchObject({ ip: '203.0.113.50', userAgent: 'terraform/1.9', tokenId: expect.any(String) });
  });

  it("from the dashboard's export (session route)", async () => {
    await browserSession('dave@example.com', { 'x-timebox-peer-address': '192.0.2.77', 'user-agent': 'Chrome/150' });
    const response = await (portalExport.GET as Handler)(new Request('http://test/api/portal/audit/export?format=ndjson', { headers: { 'x-timebox-peer-address': '192.0.2.77', 'user-agent': 'Chrome/150' } }));
    expect(response.status).toBe(200);
    expect(response.headers.get('x-request-id')).toMatch(UUID);
    await response.body?.cancel();
    const event = await h.database.db.auditEvent.findFirstOrThrow({ where: { action: 'audit.exported' }, orderBy: { seq: 'desc' } });
    expect(event).toMatchObject({ ip: '192.0.2.77', userAgent: 'Chrome/150' });
  });
});

describe('request ids', () => {
  it('tags every API response, keeping a well-formed id the caller sent', async () => {
    const anonymous = await call(api.listRequests.handler, '/api/v1/requests');
    expect(anonymous.status).toBe(401);
    expect(anonymous.headers.get('x-request-id')).toMatch(UUID);
    const token = await h.token('alice@example.com', ['requests']);
    const ok = await call(api.listRequests.handler, '/api/v1/requests', { token, headers: { 'x-request-id': 'edge-proxy-4711abcd' } });
    expect(ok.status).toBe(200);
    expect(ok.headers.get('x-request-id')).toBe('edge-proxy-4711abcd');
  });

  it('puts the id of an unexpected API error in the 500 body, the header and the log line with route and actor', async () => {
    const logged = vi.spyOn(log, 'error').mockImplementation(() => undefined);
    const broken = apiRoute({ scope: 'requests' }, async () => {
      throw new Error('connection terminated unexpectedly');
    });
    const token = await h.token('bob@example.com', ['requests']);
    const res = await call(broken, '/api/v1/broken', { token });

    expect(res.status).toBe(500);
    const requestId = res.headers.get('x-request-id');
    expect(requestId).toMatch(UUID);
    expect(res.json).toEqual({ error: { code: 'internal', message: 'Something went wrong on our side. It has been logged.', requestId } });
    const bob = (await h.ctxOf('bob@example.com')).actor;
    expect(logged).toHaveBeenCalledOnce();
    expect(logged.mock.calls[0]![0]).toMatchObject({ route: 'GET /api/v1/broken', requestId, actorId: bob.id, actorEmail: 'bob@example.com', via: 'api', tokenId: expect.any(String) });
    expect(JSON.stringify(logged.mock.calls[0]![0])).not.toContain(token); // the secret never reaches the log
  });

  it('logs an unexpected server-action error with the action name, actor and request id, and returns only the id', async () => {
    const logged = vi.spyOn(log, 'error').mockImplementation(() => undefined);
    await browserSession('carol@example.com', { 'x-request-id': 'lb-abcdef0123', 'user-agent': 'Safari/19' });
    const explode = authedAction('explodeForTest', z.object({}).strict(), async () => {
      throw new Error('disk full');
    });
    const result = await explode({});

    expect(result).toEqual({ ok: false, error: { code: 'internal', message: 'Something went wrong on our side. It has been logged.', requestId: 'lb-abcdef0123' } });
    const carol = (await h.ctxOf('carol@example.com')).actor;
    expect(logged).toHaveBeenCalledOnce();
    expect(logged.mock.calls[0]![0]).toMatchObject({ route: 'action explodeForTest', requestId: 'lb-abcdef0123', actorId: carol.id, actorEmail: 'carol@example.com', via: 'web' });
  });

  it('answers input nested 20,000 deep with the client\'s error, never a logged 500', async () => {
    const logged = vi.spyOn(log, 'error').mockImplementation(() => undefined);
    await browserSession('carol@example.com', {});
    const deep = `${'{"a":'.repeat(20_000)}1${'}'.repeat(20_000)}`;
    const resource = { slug: 'deep-settings', name: 'Deep', kind: 'webhook' as const };
    // As a structured argument: refused at the edge, before any schema walks it.
    const structured = await createResourceAction({ ...resource, settings: JSON.parse(deep) });
    expect(structured).toEqual({ ok: false, error: { code: 'bad_request', message: 'Input must not nest more than 32 levels deep.' } });
    // As the form's JSON text: parsed by the settings schema, and refused there, on the field.
    const typed = await createResourceAction({ ...resource, settings: deep });
    expect(typed).toMatchObject({ ok: false, error: { code: 'bad_request', fields: { settings: 'Settings must not nest more than 32 levels deep' } } });
    expect(logged).not.toHaveBeenCalled();
    expect(await h.database.db.resource.findUnique({ where: { slug: 'deep-settings' } })).toBeNull();
  });

  it('does not log expected errors, nor give them an id in the body', async () => {
    const logged = vi.spyOn(log, 'error').mockImplementation(() => undefined);
    await browserSession('alice@example.com', {});
    const result = await submitRequest({ resource: 'no-such-resource', role: 'editor', durationMinutes: 15 });
    expect(result.ok).toBe(false);
    expect(result.ok ? null : result.error).not.toHaveProperty('requestId');
    expect(logged).not.toHaveBeenCalled();
  });
});
