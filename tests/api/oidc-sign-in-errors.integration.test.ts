import { createRequire } from 'node:module';
import path from 'node:path';
import type { AuthOptions } from 'next-auth';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { authOptionsFor } from '@/lib/auth/options';
import { parseConfig } from '@/lib/config/env';
import { startTestIdp, type TestIdp } from '@/lib/testing/test-idp';
import { freePort } from '@/lib/testing/free-port';

// The portal's next-auth configuration against a real OpenID provider (lib/testing/test-idp.ts), driven
// through next-auth's own request handler: the authorization request carries state, nonce and a PKCE
// challenge; a misconfigured issuer or client secret ends on the login page with a named error, never a
// stack trace. (The successful sign-in is e2e/sso.spec.ts.)
// next-auth's framework-free handler: the same code the /api/auth route runs, minus Next's request scope
// (which only exists inside a Next server). The package does not export it, so it is loaded by path.
type Internal = { status?: number; body?: unknown; redirect?: string; cookies?: { name: string; value: string }[] };
const { AuthHandler } = createRequire(import.meta.url)(path.resolve('node_modules/next-auth/core/index.js')) as {
  AuthHandler: (params: { req: Request; options: AuthOptions }) => Promise<Internal>;
};

const PORTAL = 'http://127.0.0.1:3210';
const CLIENT_ID = 'timebox-integration';
const SECRET = 'integration-client-secret';
const nextAuthUrlWas = process.env.NEXTAUTH_URL;
let idp: TestIdp;


/** Cookies by name, as a browser would keep them for one site. */
class CookieJar {
  private readonly cookies = new Map<string, string>();
  set(name: string, value: string) {
    if (value) this.cookies.set(name, value);
    else this.cookies.delete(name);
  }
  takeFrom(response: Response) {
    for (const line of response.headers.getSetCookie()) {
      const pair = line.split(';')[0]!;
      const at = pair.indexOf('=');
      this.set(pair.slice(0, at).trim(), pair.slice(at + 1).trim());
    }
  }
  header = () => [...this.cookies].map(([name, value]) => `${name}=${value}`).join('; ');
}

const portalOptions = (overrides: { issuer?: string; secret?: string } = {}): AuthOptions =>
  authOptionsFor(
    parseConfig({
      AUTH_SECRET: 'x'.repeat(32),
      AUTH_DEV_LOGIN: 'false',
      NEXTAUTH_URL: PORTAL,
      OIDC_ISSUER: overrides.issuer ?? idp.issuer,
      OIDC_CLIENT_ID: CLIENT_ID,
      OIDC_CLIENT_SECRET: overrides.secret ?? SECRET,
    }),
  );

/** One call to next-auth's handler, as the portal's /api/auth route would make it. */
async function portal(options: AuthOptions, jar: CookieJar, path: string, body?: Record<string, string>) {
  const request = new Request(`${PORTAL}${path}`, {
    method: body ? 'POST' : 'GET',
    headers: { cookie: jar.header(), host: '127.0.0.1:3210', ...(body ? { 'content-type': 'application/json' } : {}) },
    ...(body ? { body: JSON.stringify(body) } : {}),
  });
  const response = await AuthHandler({ req: request, options });
  for (const cookie of response.cookies ?? []) jar.set(cookie.name, cookie.value);
  return response;
}

/** The SSO button: a CSRF token, then the sign-in POST; returns where the browser is sent. */
async function pressSsoButton(options: AuthOptions, jar: CookieJar): Promise<string> {
  const csrf = await portal(options, jar, '/api/auth/csrf');
  const { csrfToken } = csrf.body as { csrfToken: string };
  const signIn = await portal(options, jar, '/api/auth/signin/oidc', { csrfToken, callbackUrl: `${PORTAL}/`, json: 'true' });
  return String(signIn.redirect);
}

/** Where the browser ends up: next-auth's own pages (/api/auth/error, /api/auth/signin) send it on to ours. */
async function landing(options: AuthOptions, jar: CookieJar, redirect: string | undefined): Promise<{ page: string; error: string | null }> {
  let url = new URL(String(redirect), PORTAL);
  for (let hop = 0; hop < 3 && url.origin === PORTAL && url.pathname.startsWith('/api/auth/'); hop++) {
    url = new URL(String((await portal(options, jar, `${url.pathname}${url.search}`)).redirect), PORTAL);
  }
  return { page: `${url.origin}${url.pathname}`, error: url.searchParams.get('error') };
}

/** The person at the IdP: its login form (any password), redirects followed until they lead back to the portal. */
async function signInAtIdp(authorizationUrl: string, login: string): Promise<URL> {
  const jar = new CookieJar();
  let url = new URL(authorizationUrl);
  for (let hop = 0; hop < 10; hop++) {
    if (url.origin === PORTAL) return url;
    const response = await fetch(url, { redirect: 'manual', headers: { cookie: jar.header() } });
    jar.takeFrom(response);
    const location = response.headers.get('location');
    if (location) {
      url = new URL(location, url);
      continue;
    }
    const action = /<form[^>]*action="([^"]+)"/.exec(await response.text())?.[1];
    if (!action) throw new Error(`IdP page without a form at ${url}`);
    const submitted = await fetch(new URL(action, url), {
      method: 'POST',
      redirect: 'manual',
      headers: { cookie: jar.header(), 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ prompt: 'login', login, password: 'any password' }),
    });
    jar.takeFrom(submitted);
    url = new URL(submitted.headers.get('location') ?? '', url);
  }
  throw new Error('the IdP never sent the browser back to the portal');
}

beforeAll(async () => {
  process.env.NEXTAUTH_URL = PORTAL;
  idp = await startTestIdp({ port: await freePort(), clientId: CLIENT_ID, clientSecret: SECRET, redirectUris: [`${PORTAL}/api/auth/callback/oidc`] });
  idp.setAccount({ id: 'ivy', email: 'ivy@example.com', name: 'Ivy', groups: ['platform'] });
});
afterAll(async () => {
  await idp?.stop();
  if (nextAuthUrlWas === undefined) delete process.env.NEXTAUTH_URL;
  else process.env.NEXTAUTH_URL = nextAuthUrlWas;
});

describe('OIDC sign-in against a real provider', () => {
  it('sends the browser to the IdP with state, nonce and a PKCE challenge', async () => {
    const url = new URL(await pressSsoButton(portalOptions(), new CookieJar()));
    expect(url.origin + url.pathname).toBe(`${idp.issuer}/auth`);
    expect(url.searchParams.get('client_id')).toBe(CLIENT_ID);
    expect(url.searchParams.get('code_challenge_method')).toBe('S256');
    for (const param of ['state', 'nonce', 'code_challenge']) expect(url.searchParams.get(param)).toMatch(/^[\w-]{20,}$/);
  });

  it('names the problem on the login page when the issuer is wrong', async () => {
    const options = portalOptions({ issuer: `${idp.issuer}/some-other-tenant` });
    const jar = new CookieJar();
    expect(await landing(options, jar, await pressSsoButton(options, jar))).toEqual({ page: `${PORTAL}/login`, error: 'OAuthSignin' });
  });

  it('names the problem on the login page when the IdP refuses the client secret', async () => {
    const options = portalOptions({ secret: 'not-the-secret-the-idp-holds' });
    const jar = new CookieJar();
    const back = await signInAtIdp(await pressSsoButton(options, jar), 'ivy');
    expect(back.pathname).toBe('/api/auth/callback/oidc');
    expect(back.searchParams.get('code')).toBeTruthy();
    const callback = await portal(options, jar, `${back.pathname}${back.search}`);
    expect(await landing(options, jar, callback.redirect)).toEqual({ page: `${PORTAL}/login`, error: 'OAuthCallback' });
  });
});
