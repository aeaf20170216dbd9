import { describe, expect, it } from 'vitest';
import { newNonce, NON_PAGE_CSP, securityHeaders } from './security-headers';

describe('securityHeaders', () => {
  it('gives pages a nonce CSP with no unsafe-inline script, and frame protection', () => {
    const headers = securityHeaders({ nonce: 'abc123==', https: false, development: false });
    const csp = headers['Content-Security-Policy']!;
    expect(csp).toContain(`script-src 'self' 'nonce-abc123==' 'strict-dynamic'`);
    expect(csp).toContain(`frame-ancestors 'none'`);
    expect(csp).toContain(`object-src 'none'`);
    expect(csp).not.toMatch(/script-src[^;]*unsafe-(inline|eval)/);
    expect(csp).not.toContain('upgrade-insecure-requests');
    expect(headers).toMatchObject({ 'X-Frame-Options': 'DENY', 'X-Content-Type-Options': 'nosniff', 'Referrer-Policy': 'same-origin' });
    expect(headers['Permissions-Policy']).toContain('camera=()');
    expect(headers['Strict-Transport-Security']).toBeUndefined();
  });

  it('sends HSTS only when the portal is served over https', () => {
    const headers = securityHeaders({ nonce: 'n', https: true, development: false });
    expect(headers['Strict-Transport-Security']).toMatch(/^max-age=\d{8,}/);
    expect(headers['Content-Security-Policy']).toContain('upgrade-insecure-requests');
  });

  it('lets nothing load for API responses', () => {
    expect(securityHeaders({ https: false, development: false })['Content-Security-Policy']).toBe(NON_PAGE_CSP);
  });

  it('makes a fresh 128-bit nonce each time', () => {
    const a = newNonce();
    expect(Buffer.from(a, 'base64')).toHaveLength(16);
    expect(newNonce()).not.toBe(a);
  });
});
