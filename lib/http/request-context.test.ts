import { describe, expect, it } from 'vitest';
import type { Actor } from '@/lib/domain/permissions';
import { PEER_ADDRESS_HEADER } from './peer-address';
import { actorContext, clientIp, requestIdOf, requestMeta } from './request-context';

const h = (init: Record<string, string>) => new Headers(init);
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

describe('clientIp', () => {
  it('takes the socket peer, not the first hop of X-Forwarded-For a client can forge', () => {
    expect(clientIp(h({ [PEER_ADDRESS_HEADER]: '198.51.100.9', 'x-forwarded-for': ' 203.0.113.7 , 10.0.0.1' }))).toBe('198.51.100.9');
  });
  it('is null without a peer', () => {
    expect(clientIp(h({}))).toBeNull();
    expect(clientIp(h({ 'x-forwarded-for': '203.0.113.7' }))).toBeNull();
  });
});

describe('requestIdOf', () => {
  it('keeps a well-formed incoming X-Request-Id, so a proxy and we log the same id', () => {
    expect(requestIdOf(h({ 'x-request-id': 'lb-7f3a9c21.42' }))).toBe('lb-7f3a9c21.42');
  });
  it.each(['', 'short', 'has space in it', 'x'.repeat(129), 'quote"inside-it', 'new\\nline-xxxxx'])('replaces %j with a fresh UUID', (given) => {
    expect(requestIdOf(h(given ? { 'x-request-id': given } : {}))).toMatch(UUID);
  });
  it('is fresh for every request without one', () => {
    expect(requestIdOf(h({}))).not.toBe(requestIdOf(h({})));
  });
});

describe('actorContext', () => {
  const actor: Actor = { id: 'u1', email: 'a@example.com', name: 'A', role: 'member', groups: [], isApprover: false };
  it('records where the request came from, for every channel', () => {
    const meta = requestMeta(h({ [PEER_ADDRESS_HEADER]: '198.51.100.4', 'user-agent': 'curl/8' }));
    expect(actorContext(actor, 'web', meta)).toEqual({ actor, via: 'web', ip: '198.51.100.4', userAgent: 'curl/8' });
    expect(actorContext(actor, 'api', meta, { id: 't1', scopes: ['requests'] })).toEqual({ actor, via: 'api', token: { id: 't1', scopes: ['requests'] }, ip: '198.51.100.4', userAgent: 'curl/8' });
  });
  it('leaves both unknown when the headers say nothing', () => {
    expect(actorContext(actor, 'web', requestMeta(h({})))).toMatchObject({ ip: null, userAgent: null });
  });
});
