import { isLoopbackHost } from '@/lib/config/env';

/**
 * The README's promise: on a fresh machine `npm start` is the embedded demo, ready to click through. So the
 * launcher (never the server itself) turns demo sign-in on, but only for the embedded database on a loopback
 * address, where nobody else can reach it. Any PostgreSQL deployment, any other address, or an explicit
 * AUTH_DEV_LOGIN keeps the server's rule: off in production unless asked for. Returns whether it turned it on.
 */
export function turnOnDemoSignIn(env: Record<string, string | undefined>): boolean {
  if (env.AUTH_DEV_LOGIN !== undefined && env.AUTH_DEV_LOGIN !== '') return false;
  if (env.DATABASE_URL) return false;
  if (!isLoopbackHost(env.TIMEBOX_LISTEN_HOST || '127.0.0.1')) return false;
  env.AUTH_DEV_LOGIN = 'true';
  return true;
}
