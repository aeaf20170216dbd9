import { NextResponse, type NextRequest } from 'next/server';

// Not a security boundary (pages and services check the session themselves): it only tells the
// portal layout which page was asked for, so a signed-out visitor can be sent back there after sign-in.
export function proxy(request: NextRequest) {
  const headers = new Headers(request.headers);
  headers.set('x-timebox-path', request.nextUrl.pathname + request.nextUrl.search);
  return NextResponse.next({ request: { headers } });
}

export const config = {
  matcher: ['/((?!api/|_next/|favicon.ico|login).*)'],
};
