import path from 'node:path';
import { defineConfig, devices } from '@playwright/test';
import { chooseChromium } from './e2e/browser';
import { e2eDistDir } from './e2e/dist-dir';
import { portalOrigin, portalPort, portalServerCount, portalStorage } from './e2e/portal-servers';
import { testIdp, testIdpIssuer } from './e2e/test-idp-settings';

// Started by scripts/e2e.ts, which prepares a throw-away database per portal server and passes them in the
// environment. Each worker has a server of its own (e2e/portal-servers.ts), so spec files run two at a time
// without sharing data: most of a browser test's time is waiting (on a page, a poll, a grant's minute).
const servers = portalStorage().map((storage, index) => ({ ...storage, port: portalPort(index), origin: portalOrigin(index) }));
const browser = chooseChromium();
if (browser.source === 'none') throw new Error(browser.help);

export default defineConfig({
  testDir: 'e2e',
  forbidOnly: true,
  fullyParallel: false,
  workers: portalServerCount(),
  retries: 0,
  // Budgets for a busy two-core machine (the suite shares it with builds and other test runs): a slow answer
  // is not a failure, a wrong one is. Assertions wait for conditions, never for fixed times, so on a quiet
  // machine these limits cost nothing. The longest test signs in four people in four browser contexts.
  timeout: 120_000,
  expect: { timeout: 20_000 },
  reporter: process.env.CI ? [['list']] : [['list'], ['html', { open: 'never' }]],
  use: {
    // e2e/portal-test.ts gives each worker its own server's address instead.
    baseURL: servers[0]!.origin,
    actionTimeout: 30_000,
    navigationTimeout: 60_000,
    trace: 'retain-on-failure',
    screenshot: 'only-on-failure',
  },
  projects: [
    {
      name: 'chromium',
      use: {
        ...devices['Desktop Chrome'],
        launchOptions: {
          executablePath: browser.source === 'system' ? browser.executablePath : undefined,
          // Root on CI needs --no-sandbox; the rest keeps Chromium from dialling out on a closed network.
          args: ['--no-sandbox', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--disable-quic', '--no-first-run', '--disable-gpu'],
        },
      },
    },
  ],
  webServer: [
    {
      // A real OpenID provider on loopback for e2e/sso.spec.ts; Playwright stops it when the run ends.
      command: 'npx tsx e2e/test-idp-server.ts',
      url: `${testIdpIssuer}/.well-known/openid-configuration`,
      timeout: 60_000,
      reuseExistingServer: false,
      stdout: 'pipe',
      stderr: 'pipe',
      env: { E2E_IDP_PORT: String(testIdp.port) },
    },
    ...servers.map((server) => ({
      // `npm start`'s own entry point (the launcher that prepares, then becomes the server), minus npm.
      command: 'node scripts/start.mjs',
      url: `${server.origin}/api/health`,
      // scripts/e2e.ts builds before Playwright starts, so this covers migrating, seeding and starting only.
      timeout: 240_000,
      reuseExistingServer: false,
      stdout: 'pipe' as const,
      stderr: 'pipe' as const,
      env: {
        PORT: String(server.port),
        TIMEBOX_DIST_DIR: e2eDistDir(),
        TIMEBOX_DATA_DIR: server.dataDir,
        // Checkpoints of this server's throw-away trail, never the developer's.
        AUDIT_CHECKPOINT_FILE: path.join(server.dataDir, 'audit-checkpoints.jsonl'),
        // Without one (no DATABASE_URL given to scripts/e2e.ts) the server keeps PGlite in its data folder.
        ...(server.databaseUrl ? { DATABASE_URL: server.databaseUrl } : {}),
        NEXTAUTH_URL: server.origin,
        AUTH_DEV_LOGIN: 'true',
        LOG_LEVEL: 'warn',
        OIDC_ISSUER: testIdpIssuer,
        OIDC_CLIENT_ID: testIdp.clientId,
        OIDC_CLIENT_SECRET: testIdp.clientSecret,
        OIDC_NAME: testIdp.name,
        TIMEBOX_AUDITOR_GROUPS: testIdp.auditorGroup,
      },
    })),
  ],
});
