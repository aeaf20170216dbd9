// The security headers every response carries (set in proxy.ts). Pages get a strict CSP with a fresh
// nonce per request: Next.js reads the nonce from the request's CSP header and puts it on its own
// scripts, and 'strict-dynamic' lets those load their chunks. Nothing else may run a script. API and
// other non-HTML responses get a CSP that allows nothing at all.

export interface SecurityHeaderOptions {
  /** A fresh random value per page request; absent for non-page responses. */
  nonce?: string;
  /** NEXTAUTH_URL is https: send HSTS and upgrade any stray http subresource. */
  https: boolean;
  /** `next dev` needs eval for React's debugging and Fast Refresh; never in production. */
  development: boolean;
}

export function pageCsp({ nonce, https, development }: SecurityHeaderOptions & { nonce: string }): string {
  return [
    `default-src 'self'`,
    `script-src 'self' 'nonce-${nonce}' 'strict-dynamic'${development ? ` 'unsafe-eval'` : ''}`,
    `style-src 'self' 'nonce-${nonce}'`,
    // Style attributes (React's style={{…}}) cannot run script; a nonce cannot cover them.
    `style-src-attr 'unsafe-inline'`,
    `img-src 'self' data: blob:`,
    `font-src 'self'`,
    `connect-src 'self'`,
    `object-src 'none'`,
    `base-uri 'none'`,
    `form-action 'self'`,
    `frame-ancestors 'none'`,
    `frame-src 'none'`,
    `worker-src 'self'`,
    `manifest-src 'self'`,
    ...(https ? ['upgrade-insecure-requests'] : []),
  ].join('; ');
}

/** For JSON, CSV and other non-HTML responses: nothing may load, nothing may frame them. */
export const NON_PAGE_CSP = `default-src 'none'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'`;

const HSTS = 'max-age=31536000; includeSubDomains';

/** Whether the portal is served over https (NEXTAUTH_URL says so): then every response sends HSTS. */
export const servedOverHttps = (): boolean => (process.env.NEXTAUTH_URL ?? '').startsWith('https:');

/**
 * HSTS on a /api/v1 response. That path skips proxy.ts and takes its fixed headers from next.config.js,
 * which is read at build time, while NEXTAUTH_URL is the running server's: so its wrappers add this one.
 */
export function withTransportSecurity(response: Response): Response {
  if (servedOverHttps() && !response.headers.has('strict-transport-security')) response.headers.set('Strict-Transport-Security', HSTS);
  return response;
}

export function securityHeaders(options: SecurityHeaderOptions): Record<string, string> {
  return {
    'Content-Security-Policy': options.nonce ? pageCsp({ ...options, nonce: options.nonce }) : NON_PAGE_CSP,
    'X-Frame-Options': 'DENY',
    'X-Content-Type-Options': 'nosniff',
    'Referrer-Policy': 'same-origin',
    'Permissions-Policy': 'camera=(), microphone=(), geolocation=(), payment=(), usb=(), serial=(), bluetooth=(), hid=(), midi=(), display-capture=(), interest-cohort=()',
    'Cross-Origin-Opener-Policy': 'same-origin',
    ...(options.https ? { 'Strict-Transport-Security': HSTS } : {}),
  };
}

/** A CSP nonce: 128 random bits, base64. */
export function newNonce(): string {
  const bytes = new Uint8Array(16);
  crypto.getRandomValues(bytes);
  return btoa(String.fromCharCode(...bytes));
}
