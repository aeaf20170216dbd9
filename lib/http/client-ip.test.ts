import { describe, expect, it } from 'vitest';
import { compileTrustedProxies, resolveClientIp } from './client-ip';
import { PEER_ADDRESS_HEADER } from './peer-address';

const from = (peer: string | null, forwardedFor?: string) =>
  new Headers({ ...(peer ? { [PEER_ADDRESS_HEADER]: peer } : {}), ...(forwardedFor ? { 'x-forwarded-for': forwardedFor } : {}) });

describe('resolveClientIp', () => {
  it('by default records the socket peer, whatever X-Forwarded-For claims', () => {
    const trust = compileTrustedProxies(undefined);
    expect(resolveClientIp(from('198.51.100.9', '203.0.113.7'), trust)).toBe('198.51.100.9');
    expect(resolveClientIp(from('127.0.0.1', '1.2.3.4, 127.0.0.1'), trust)).toBe('127.0.0.1');
    expect(resolveClientIp(from(null, '203.0.113.7'), trust)).toBeNull();
  });

  it('reads X-Forwarded-For right to left through trusted CIDRs only', () => {
    const trust = compileTrustedProxies('10.0.0.0/8, loopback');
    // the client forged its first hop; the proxy appended the real one
    expect(resolveClientIp(from('10.0.0.2', '6.6.6.6, 203.0.113.7'), trust)).toBe('203.0.113.7');
    expect(resolveClientIp(from('10.0.0.2', '6.6.6.6, 203.0.113.7, 10.0.0.9'), trust)).toBe('203.0.113.7');
    // a peer outside the list is the client, even when it sends the header
    expect(resolveClientIp(from('192.0.2.1', '203.0.113.7'), trust)).toBe('192.0.2.1');
    expect(resolveClientIp(from('::1', '2001:db8::7'), trust)).toBe('2001:db8::7');
  });

  it('trusts a number of hops', () => {
    expect(resolveClientIp(from('10.0.0.2', '6.6.6.6, 203.0.113.7'), compileTrustedProxies('1'))).toBe('203.0.113.7');
    expect(resolveClientIp(from('10.0.0.2', '6.6.6.6, 203.0.113.7, 10.0.0.3'), compileTrustedProxies('2'))).toBe('203.0.113.7');
    expect(resolveClientIp(from('10.0.0.2', '203.0.113.7'), compileTrustedProxies('0'))).toBe('10.0.0.2');
  });

  it('refuses malformed lists', () => {
    expect(() => compileTrustedProxies('10.0.0.0/99')).toThrow();
    expect(() => compileTrustedProxies('not-an-address')).toThrow();
  });
});
