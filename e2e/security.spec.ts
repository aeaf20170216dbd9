import fs from 'node:fs';
import path from 'node:path';
import type { Page } from '@playwright/test';
import { e2eDistDir } from './dist-dir';
import { expect, test } from './lifecycle-helpers';

// The browser's side of issue 14: every page runs under the strict nonce CSP without a single violation,
// every response carries the security headers, and a crafted callbackUrl never leaves the portal.

const pages = ['/', '/requests', '/requests/new', '/grants', '/grants?view=past', '/inbox', '/audit', '/audit/metrics', '/admin', '/admin/drift', '/settings/tokens', '/no-such-page'];
const apiRoutes = ['/api/health', '/api/v1/requests', '/api/auth/session', '/api/auth/csrf', '/api/cron/expire', '/api/portal/audit/export?format=ndjson'];

/** Collects CSP violations: the DOM event (with the blocked URI and directive) and Chromium's console line. */
async function watchCsp(page: Page): Promise<string[]> {
  const violations: string[] = [];
  await page.exposeFunction('__reportCspViolation', (text: string) => violations.push(text));
  await page.addInitScript(() => {
    document.addEventListener('securitypolicyviolation', (e) => {
      (window as unknown as { __reportCspViolation(text: string): void }).__reportCspViolation(`${e.violatedDirective} blocked ${e.blockedURI} at ${e.sourceFile}:${e.lineNumber}`);
    });
  });
  page.on('console', (message) => {
    if (/Content Security Policy/i.test(message.text())) violations.push(`console: ${message.text()}`);
  });
  return violations;
}

function expectSecurityHeaders(headers: Record<string, string>, what: string) {
  expect(headers['content-security-policy'], what).toContain("frame-ancestors 'none'");
  expect(headers['x-frame-options'], what).toBe('DENY');
  expect(headers['x-content-type-options'], what).toBe('nosniff');
  expect(headers['referrer-policy'], what).toBe('same-origin');
  expect(headers['permissions-policy'], what).toContain('camera=()');
}

test('every portal page runs under the nonce CSP with no violation, and carries the headers', async ({ as }) => {
  const carol = await as('carol@example.com');
  const violations = await watchCsp(carol);
  const nonces = new Set<string>();
  for (const path of pages) {
    const response = await carol.goto(path);
    expect(response, path).not.toBeNull();
    const headers = response!.headers();
    expectSecurityHeaders(headers, path);
    const nonce = /'nonce-([^']+)'/.exec(headers['content-security-policy'] ?? '')?.[1];
    expect(nonce, `${path} has a nonce`).toBeTruthy();
    nonces.add(nonce!);
    expect(headers['content-security-policy']).not.toMatch(/script-src[^;]*'unsafe-inline'/);
    await expect(carol.getByRole('main').first()).toBeVisible({ timeout: 20_000 });
  }
  expect(nonces.size).toBe(pages.length); // fresh per request
  // Client-side navigation and a form that talks to the server, under the same policy.
  await carol.goto('/requests/new');
  await carol.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Grants' }).click();
  await expect(carol).toHaveURL(/\/grants/);
  expect(violations).toEqual([]);
});

test('the sign-in page works under the CSP, and API routes carry the headers too', async ({ page, request }) => {
  const violations = await watchCsp(page);
  const response = await page.goto('/login');
  expectSecurityHeaders(response!.headers(), '/login');
  await page.getByLabel('Email').fill('alice@example.com');
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page.getByRole('heading', { name: /^Hello, / })).toBeVisible({ timeout: 30_000 });
  expect(violations).toEqual([]);

  for (const path of apiRoutes) {
    const res = await request.get(path);
    // Without CRON_SECRET the cron endpoint answers 503 by design (docs/api.md#scheduling); no route may fail with a 500.
    expect(res.status(), path).toBeLessThan(path === '/api/cron/expire' ? 504 : 500);
    expectSecurityHeaders(res.headers(), path);
    expect(res.headers()['content-security-policy'], path).toContain("default-src 'none'");
  }
  // /api/v1 skips the proxy (its headers come from next.config.js): Next.js's own answers there carry them too.
  for (const [method, path, status] of [['GET', '/api/v1/no-such-route', 404], ['DELETE', '/api/v1/requests', 405]] as const) {
    const res = await request.fetch(path, { method });
    expect(res.status(), `${method} ${path}`).toBe(status);
    expectSecurityHeaders(res.headers(), `${method} ${path}`);
    expect(res.headers()['content-security-policy'], path).toContain("default-src 'none'");
  }
});

test('a page on another origin cannot frame the inbox', async ({ as, baseURL }) => {
  const alice = await as('alice@example.com');
  // The signed-in browser, on a page that is not the portal's origin, frames /inbox.
  await alice.goto('about:blank');
  await alice.setContent(`<iframe id="f" src="${baseURL}/inbox"></iframe>`);
  // Chromium replaces a frame refused by frame-ancestors / X-Frame-Options with its error page.
  const framedUrl = () => alice.frames().find((f) => f !== alice.mainFrame())?.url() ?? '';
  await expect.poll(framedUrl, { timeout: 20_000 }).toMatch(/^chrome-error:/);
  await expect(alice.frameLocator('#f').getByRole('navigation', { name: 'Main' })).toHaveCount(0);
});

test('a crafted callbackUrl never leaves the portal and never errors', async ({ as, baseURL }) => {
  const alice = await as('alice@example.com');
  const origin = new URL(baseURL!).origin;
  for (const crafted of ['/%09/evil.example/x', '/%0A/evil.example', '/%0D%0A/evil.example', '/%E3%80%82evil.example', '//evil%E3%80%82example', '/%5C/evil.example', '%09//evil.example']) {
    const response = await alice.goto(`/login?callbackUrl=${crafted}`);
    expect(response!.status(), crafted).toBeLessThan(500);
    expect(new URL(alice.url()).origin, crafted).toBe(origin);
  }
});

test('a server action called with arguments nested 20,000 deep is refused with a 400, not a 500', async ({ request }) => {
  // A real action of this build (its id is in the server-reference manifest), so only the nesting is wrong.
  const manifest = JSON.parse(fs.readFileSync(path.join(e2eDistDir(), 'server', 'server-reference-manifest.json'), 'utf8')) as { node: Record<string, unknown> };
  const actionId = Object.keys(manifest.node)[0]!;
  const deep = '['.repeat(20_000) + ']'.repeat(20_000);
  const response = await request.post('/settings/tokens', { headers: { 'Next-Action': actionId, 'Content-Type': 'text/plain;charset=UTF-8' }, data: deep });
  expect(response.status()).toBe(400);
  expect((await response.json()).error).toMatchObject({ code: 'bad_request' });
  expect(response.headers()['x-content-type-options']).toBe('nosniff');
});
