import { describe, expect, it } from 'vitest';
import { newNonce, NON_PAGE_CSP, securityHeaders, withTransportSecurity } from './security-headers';

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

describe('the public API, which skips the proxy', () => {
  it('gets every non-page header from next.config.js, for Next.js answers (404, 405) too', async () => {
    type Header = { key: string; value: string };
    // A plain-JS file with no types: loaded by URL so the type checker takes it as what it is below.
    const nextConfig = (await import(new URL('../../next.config.js', import.meta.url).href)) as { NON_PAGE_HEADERS: Header[]; default: { headers(): Promise<Array<{ source: string; headers: Header[] }>> } };
    const { NON_PAGE_HEADERS } = nextConfig;
    expect(Object.fromEntries(NON_PAGE_HEADERS.map((h) => [h.key, h.value]))).toEqual(securityHeaders({ https: false, development: false }));
    const rules = await nextConfig.default.headers();
    expect(rules.find((r) => r.source === '/api/v1/:path*')?.headers).toBe(NON_PAGE_HEADERS);
  });

  it('adds HSTS at run time when NEXTAUTH_URL is https, and only then', () => {
    const saved = process.env.NEXTAUTH_URL;
    try {
      process.env.NEXTAUTH_URL = 'https://timebox.example.com';
      expect(withTransportSecurity(new Response('{}')).headers.get('strict-transport-security')).toBe(securityHeaders({ https: true, development: false })['Strict-Transport-Security']);
      process.env.NEXTAUTH_URL = 'http://127.0.0.1:3000';
      expect(withTransportSecurity(new Response('{}')).headers.has('strict-transport-security')).toBe(false);
    } finally {
      if (saved === undefined) delete process.env.NEXTAUTH_URL;
      else process.env.NEXTAUTH_URL = saved;
    }
  });
});
