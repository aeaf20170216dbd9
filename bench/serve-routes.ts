// One visit of the pages and API an instance serves in a working day, each once, for the `start` group's
// memory after routes: Next.js never unloads a route's modules, so what start saves by not preloading them
// only counts until they are served. Signs in the way a person does (the demo sign-in through next-auth's
// own endpoints, AUTH_DEV_LOGIN on), then asks each page as that admin and the access check with a token.
import { CHECK_PATH } from './check-token';
import { round } from './measure';

/** The portal's pages an admin opens, /inbox first (its first answer is the figure a slower first view shows). */
const PAGES = ['/inbox', '/', '/requests', '/grants', '/audit', '/admin'];
const cookiesOf = (response: Response) => response.headers.getSetCookie().map((c) => c.split(';')[0]!);

/** next-auth v4's credentials sign-in: a CSRF token and its cookie, then the callback; the session cookie. */
async function signIn(base: string, email: string): Promise<string> {
  const csrf = await fetch(`${base}/api/auth/csrf`);
  const { csrfToken } = (await csrf.json()) as { csrfToken: string };
  const callback = await fetch(`${base}/api/auth/callback/dev-login`, {
    method: 'POST',
    redirect: 'manual',
    headers: { 'content-type': 'application/x-www-form-urlencoded', cookie: cookiesOf(csrf).join('; '), origin: base },
    body: new URLSearchParams({ email, csrfToken, callbackUrl: `${base}/`, json: 'true' }),
  });
  const session = cookiesOf(callback).find((c) => c.startsWith('next-auth.session-token='));
  if (!session) throw new Error(`start: signing in as ${email} set no session cookie (status ${callback.status})`);
  return session;
}

async function timedGet(url: string, headers: Record<string, string>): Promise<number> {
  const began = performance.now();
  const response = await fetch(url, { headers, redirect: 'manual' });
  await response.arrayBuffer();
  // A redirect to /login would measure the login page instead: the visit must be the page itself.
  if (response.status !== 200) throw new Error(`start: ${url} answered ${response.status}`);
  return round(performance.now() - began, 0);
}

/** Signs in as `email` and serves every route once; ms per route (sign-in included), in visiting order. */
export async function serveRoutesOnce(base: string, email: string, checkToken: string): Promise<Record<string, number>> {
  const times: Record<string, number> = {};
  const began = performance.now();
  const cookie = await signIn(base, email);
  times['sign-in'] = round(performance.now() - began, 0);
  for (const page of PAGES) times[page] = await timedGet(`${base}${page}`, { cookie });
  times['access/check'] = await timedGet(`${base}${CHECK_PATH}`, { authorization: `Bearer ${checkToken}` });
  return times;
}
