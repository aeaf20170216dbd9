import { NextResponse, type NextRequest } from 'next/server';
import { MAX_INPUT_DEPTH, textNestedDeeperThan } from '@/lib/domain/nesting-depth';
import { newNonce, securityHeaders, servedOverHttps } from '@/lib/http/security-headers';

// Runs for every request (pages, the portal's and auth's API routes) except Next's hashed static files
// and the public API (/api/v1), which get their fixed headers from next.config.js: an API call then pays no
// proxy (about a quarter of a check's server CPU). Three jobs:
// - security headers on every response, and a strict CSP whose nonce Next.js puts on its own scripts;
// - for pages, tell the portal layout which page was asked for, so a signed-out visitor can be sent
//   back there after sign-in. Not a security boundary: pages and services check the session themselves;
// - refuse server-action calls nested too deeply for React to decode (a 400, not Next.js's 500).
export async function proxy(request: NextRequest) {
  const { pathname, search } = request.nextUrl;
  const https = servedOverHttps();
  const development = process.env.NODE_ENV === 'development';
  if (request.method === 'POST' && request.headers.has('next-action') && textNestedDeeperThan(await request.clone().text(), MAX_INPUT_DEPTH + 1)) {
    const refused = NextResponse.json({ error: { code: 'bad_request', message: `Input must not nest more than ${MAX_INPUT_DEPTH} levels deep.` } }, { status: 400 });
    return withHeaders(refused, securityHeaders({ https, development }));
  }
  const isPage = !pathname.startsWith('/api/') && !pathname.startsWith('/_next/');
  const headers = securityHeaders({ nonce: isPage ? newNonce() : undefined, https, development });

  const requestHeaders = new Headers(request.headers);
  if (isPage) {
    requestHeaders.set('x-timebox-path', pathname + search);
    // Next.js takes the nonce for its scripts from the request's CSP header.
    requestHeaders.set('Content-Security-Policy', headers['Content-Security-Policy']!);
  }
  return withHeaders(NextResponse.next({ request: { headers: requestHeaders } }), headers);
}

function withHeaders(response: NextResponse, headers: Record<string, string>): NextResponse {
  for (const [name, value] of Object.entries(headers)) response.headers.set(name, value);
  return response;
}

export const config = {
  matcher: ['/((?!_next/static|_next/image|api/v1/).*)'],
};
