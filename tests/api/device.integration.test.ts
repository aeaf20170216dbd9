import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as deviceCode from '@/app/api/v1/device/code/route';
import * as deviceToken from '@/app/api/v1/device/token/route';
import * as inbox from '@/app/api/v1/inbox/route';
import * as me from '@/app/api/v1/me/route';
import * as resources from '@/app/api/v1/resources/route';
import * as revokeCurrent from '@/app/api/v1/tokens/current/revoke/route';
import { limiterSpecs } from '@/lib/http/rate-limit';
import { decideDeviceSignIn, describeDeviceSignIn } from '@/lib/services/device/decide-device-sign-in';
import { hashCode } from '@/lib/services/device/device-codes';
import { call, createApiHarness, type ApiHarness } from '@/lib/testing/api-harness';
import { api } from './routes';

// The `timebox login` device sign-in (RFC 8628 style), through the real route handlers: codes, polling,
// approval in the portal, the one-time token, expiry, denial, and the routes the CLI adds around it.

let h: ApiHarness;
beforeAll(async () => {
  h = await createApiHarness();
});
afterAll(async () => h?.close());

const start = async (host = 'laptop-1') => {
  const res = await call(deviceCode.POST, '/api/v1/device/code', { body: { host } });
  expect(res.status).toBe(200);
  return res.json as { deviceCode: string; userCode: string; verificationUri: string; verificationUriComplete: string; expiresIn: number; interval: number };
};
const poll = (code: string) => call(deviceToken.POST, '/api/v1/device/token', { body: { deviceCode: code } });
/** The next poll after the interval has passed (the clock is the test's). */
const pollLater = async (code: string, seconds = 5) => {
  h.clock.advance(seconds * 1000);
  return poll(code);
};

describe('device sign-in', () => {
  it('issues codes, stores only their hashes, and answers pending / slow_down until approved', async () => {
    const codes = await start();
    expect(codes).toMatchObject({ verificationUri: '/device', expiresIn: 600, interval: 5 });
    expect(codes.userCode).toMatch(/^[BCDFGHJKLMNPQRSTVWXZ]{4}-[BCDFGHJKLMNPQRSTVWXZ]{4}$/);
    expect(codes.verificationUriComplete).toBe(`/device?code=${codes.userCode}`);
    const row = await h.database.db.deviceAuthorization.findUniqueOrThrow({ where: { deviceCodeHash: hashCode(codes.deviceCode) } });
    expect(row.userCodeHash).toBe(hashCode(codes.userCode));
    expect(JSON.stringify(row)).not.toContain(codes.deviceCode.slice(5));
    expect(row.clientName).toBe('Timebox CLI on laptop-1');

    expect((await poll(codes.deviceCode)).json.error.code).toBe('authorization_pending');
    const early = await poll(codes.deviceCode); // no wait at all
    expect(early.status).toBe(400);
    expect(early.json.error.code).toBe('slow_down');
    expect((await pollLater(codes.deviceCode, 10)).json.error.code).toBe('authorization_pending'); // the interval grew to 10 s
  });

  it('gives the approver an expiring token with the CLI scopes, once', async () => {
    const codes = await start('build-box');
    const bob = await h.ctxOf('bob@example.com'); // an approver: gets `approvals` too
    const view = await describeDeviceSignIn(h.deps, bob, codes.userCode.toLowerCase().replace('-', ' '));
    expect(view).toMatchObject({ clientName: 'Timebox CLI on build-box', userCode: codes.userCode });
    expect(view.scopes.map((s) => s.name)).toEqual(['requests', 'grants', 'approvals']);

    await decideDeviceSignIn(h.deps, bob, { userCode: codes.userCode, decision: 'approve' });
    const issued = await pollLater(codes.deviceCode);
    expect(issued.status).toBe(200);
    expect(issued.json).toMatchObject({ tokenType: 'Bearer', scopes: ['requests', 'grants', 'approvals'], user: { email: 'bob@example.com' } });
    expect(new Date(issued.json.expiresAt).getTime() - h.clock.now().getTime()).toBe(12 * 60 * 60_000);

    const whoami = await call(me.GET, '/api/v1/me', { token: issued.json.token });
    expect(whoami.status).toBe(200);
    expect(whoami.json).toMatchObject({ user: { email: 'bob@example.com' }, token: { name: 'Timebox CLI on build-box', status: 'active', expiresAt: issued.json.expiresAt } });
    expect((await call(inbox.GET, '/api/v1/inbox', { token: issued.json.token })).status).toBe(200);

    // Single use: the same device code never yields a second token.
    expect((await pollLater(codes.deviceCode)).json.error.code).toBe('invalid_grant');
    expect(await h.database.db.apiToken.count({ where: { name: 'Timebox CLI on build-box' } })).toBe(1);
    const events = await h.database.db.auditEvent.findMany({ where: { action: { startsWith: 'device.' } }, orderBy: { chainIndex: 'asc' } });
    expect(events.map((e) => [e.action, e.actorLabel])).toEqual([
      ['device.approved', 'bob@example.com'],
      ['device.token_issued', 'bob@example.com (device sign-in)'],
    ]);
    expect(JSON.stringify(events.map((e) => e.data))).not.toContain(issued.json.token);
  });

  it('never gives delegation, audit or check_any, even to an admin who could put them on a token', async () => {
    const codes = await start();
    const alice = await h.ctxOf('alice@example.com');
    await decideDeviceSignIn(h.deps, alice, { userCode: codes.userCode, decision: 'approve' });
    expect((await pollLater(codes.deviceCode)).json.scopes).toEqual(expect.arrayContaining(['requests', 'grants']));
    const carol = await h.ctxOf('carol@example.com'); // an admin, who could give requests:delegate on the tokens page
    const forCarol = await start();
    const carolScopes = (await describeDeviceSignIn(h.deps, carol, forCarol.userCode)).scopes.map((s) => s.name);
    expect(carolScopes).toEqual(expect.arrayContaining(['requests', 'grants']));
    for (const scope of ['requests:delegate', 'audit', 'check_any', 'activity']) expect(carolScopes).not.toContain(scope);
  });

  it('two polls at once after approval: one token, never two', async () => {
    const codes = await start('racing-host');
    await decideDeviceSignIn(h.deps, await h.ctxOf('alice@example.com'), { userCode: codes.userCode, decision: 'approve' });
    h.clock.advance(5_000);
    const answers = await Promise.all([poll(codes.deviceCode), poll(codes.deviceCode), poll(codes.deviceCode)]);
    expect(answers.filter((a) => a.status === 200)).toHaveLength(1);
    expect(await h.database.db.apiToken.count({ where: { name: 'Timebox CLI on racing-host' } })).toBe(1);
    expect(await h.database.db.auditEvent.count({ where: { action: 'device.token_issued', data: { path: ['clientName'], equals: 'Timebox CLI on racing-host' } } })).toBe(1);
  });

  it('denied: access_denied, and no token', async () => {
    const codes = await start('denied-host');
    await decideDeviceSignIn(h.deps, await h.ctxOf('alice@example.com'), { userCode: codes.userCode, decision: 'deny' });
    const res = await pollLater(codes.deviceCode);
    expect(res.status).toBe(400);
    expect(res.json.error.code).toBe('access_denied');
    expect(await h.database.db.apiToken.count({ where: { name: 'Timebox CLI on denied-host' } })).toBe(0);
    // Decided once: the code cannot be approved afterwards.
    await expect(decideDeviceSignIn(h.deps, await h.ctxOf('alice@example.com'), { userCode: codes.userCode, decision: 'approve' })).rejects.toMatchObject({ code: 'not_found' });
  });

  it('codes expire after 10 minutes: no approval, expired_token', async () => {
    const codes = await start();
    h.clock.advance(10 * 60_000 + 1);
    await expect(describeDeviceSignIn(h.deps, await h.ctxOf('alice@example.com'), codes.userCode)).rejects.toMatchObject({ code: 'not_found' });
    expect((await poll(codes.deviceCode)).json.error.code).toBe('expired_token');
  });

  it('only a person in the portal approves: never through a token', async () => {
    const codes = await start();
    const viaToken = { ...(await h.ctxOf('bob@example.com')), via: 'api' as const, token: { id: '00000000-0000-4000-8000-00000000000a', scopes: ['approvals' as const] } };
    await expect(decideDeviceSignIn(h.deps, viaToken, { userCode: codes.userCode, decision: 'approve' })).rejects.toMatchObject({ code: 'forbidden' });
  });

  it('refuses malformed input with 400s, and unknown device codes as invalid_grant', async () => {
    expect((await call(deviceCode.POST, '/api/v1/device/code', { body: { host: 'evil<script>' } })).status).toBe(400);
    expect((await call(deviceCode.POST, '/api/v1/device/code', { body: {} })).status).toBe(400);
    expect((await poll('tbxd_' + 'A'.repeat(43))).json.error.code).toBe('invalid_grant');
    expect((await poll('nonsense')).json.error.code).toBe('invalid_grant');
  });
});

describe('around the CLI', () => {
  it('resources lists what the token user may request, with limits', async () => {
    const token = await h.token('alice@example.com', ['requests']);
    const res = await call(resources.GET, '/api/v1/resources', { token });
    expect(res.status).toBe(200);
    expect(res.json.items).toContainEqual(expect.objectContaining({ resource: 'prod-postgres', role: 'read-only', policy: expect.objectContaining({ maxDurationMinutes: 240 }) }));
  });

  it('inbox shows an approver the requests to decide, never their own', async () => {
    const alice = await h.token('alice@example.com', ['requests']);
    const created = await call(api.createRequest.handler, '/api/v1/requests', { token: alice, body: { resource: 'feature-flags', role: 'editor', durationMinutes: 30, justification: 'inbox test for the CLI' } });
    expect(created.status).toBe(201);
    const bob = await h.token('bob@example.com', ['approvals']);
    const list = await call(inbox.GET, '/api/v1/inbox', { token: bob });
    expect(list.json.items.map((r: { id: string }) => r.id)).toContain(created.json.request.id);
    expect((await call(inbox.GET, '/api/v1/inbox', { token: alice })).status).toBe(403); // no approvals scope
  });

  it('a token revokes itself (logout), whatever its scopes, and is refused afterwards', async () => {
    const token = await h.token('alice@example.com', ['check']);
    const res = await call(revokeCurrent.POST, '/api/v1/tokens/current/revoke', { token, body: {} });
    expect(res.status).toBe(200);
    expect(res.json.token.status).toBe('revoked');
    expect((await call(me.GET, '/api/v1/me', { token })).status).toBe(401);
  });

  it('code creation is rate-limited per address', async () => {
    let status = 200;
    for (let i = 0; i <= limiterSpecs.deviceSignIn.points && status === 200; i++) status = (await call(deviceCode.POST, '/api/v1/device/code', { body: { host: 'flood' } })).status;
    expect(status).toBe(429);
  });
});
