import { NextResponse, type NextRequest } from 'next/server';
import { newNonce, securityHeaders } from '@/lib/http/security-headers';

// Runs for every request (pages, API, auth) except Next's hashed static files, which get the same
// headers from next.config.js. Two jobs:
// - security headers on every response, and a strict CSP whose nonce Next.js puts on its own scripts;
// - for pages, tell the portal layout which page was asked for, so a signed-out visitor can be sent
//   back there after sign-in. Not a security boundary: pages and services check the session themselves.
export function proxy(request: NextRequest) {
  const { pathname, search } = request.nextUrl;
  const isPage = !pathname.startsWith('/api/') && !pathname.startsWith('/_next/');
  const headers = securityHeaders({
    nonce: isPage ? newNonce() : undefined,
    https: (process.env.NEXTAUTH_URL ?? '').startsWith('https:'),
    development: process.env.NODE_ENV === 'development',
  });

  const requestHeaders = new Headers(request.headers);
  if (isPage) {
    requestHeaders.set('x-timebox-path', pathname + search);
    // Next.js takes the nonce for its scripts from the request's CSP header.
    requestHeaders.set('Content-Security-Policy', headers['Content-Security-Policy']!);
  }
  const response = NextResponse.next({ request: { headers: requestHeaders } });
  for (const [name, value] of Object.entries(headers)) response.headers.set(name, value);
  return response;
}

export const config = {
  matcher: ['/((?!_next/static|_next/image).*)'],
};
