import NextAuth from 'next-auth';
import { getAuthOptions } from '@/lib/auth/options';
import { isAppError } from '@/lib/errors';
import { addressKey, rateLimitsFor } from '@/lib/http/rate-limit';
import { clientIp } from '@/lib/http/client-address';
import { getServiceDeps } from '@/lib/services/runtime';

export const dynamic = 'force-dynamic';

type Handler = (req: Request, ctx: { params: Promise<{ nextauth: string[] }> }) => Promise<Response>;

// Built per request so the options (and the secret under .data/) are read at run time, not at build.
const nextAuth: Handler = async (req, ctx) => (NextAuth(getAuthOptions()) as Handler)(req, ctx);

/**
 * Sign-in attempts (POST …/signin/* and …/callback/*) from an address that failed too often are refused
 * with 429 and Retry-After before next-auth runs. The body keeps next-auth's `{url}` shape, so
 * `signIn(…, {redirect:false})` reports `error: 'RateLimited'` instead of throwing.
 * Failures are counted where they happen (the dev sign-in's authorize, lib/auth/options.ts).
 */
const POST: Handler = async (req, ctx) => {
  const action = new URL(req.url).pathname.split('/api/auth/')[1] ?? '';
  if (action.startsWith('callback/') || action.startsWith('signin/')) {
    try {
      await rateLimitsFor((await getServiceDeps()).db).assertAllowed('signInFailure', addressKey(clientIp(req.headers)));
    } catch (error) {
      if (!isAppError(error) || error.code !== 'rate_limited') throw error;
      const retryAfter = String(error.details?.retryAfterSeconds ?? 60);
      return Response.json(
        { url: '/login?error=RateLimited', error: { code: error.code, message: error.message } },
        { status: 429, headers: { 'Retry-After': String(Math.max(1, Math.ceil(Number(retryAfter)))), 'Cache-Control': 'no-store' } },
      );
    }
  }
  return nextAuth(req, ctx);
};

export { nextAuth as GET, POST };
