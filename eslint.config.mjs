import nextCoreWebVitals from 'eslint-config-next/core-web-vitals';
import nextTypescript from 'eslint-config-next/typescript';

// ─── Layer boundaries (issue 8, item 2) ─────────────────────────────────────────────────────────
// These fail `npm run lint` (and CI) when a layer reaches where it must not:
//   - app/ and components/ never touch the database layer (lib/db, including generated Prisma types):
//     pages read through services, components get view types (lib/services/views.ts);
//   - nothing in lib/ imports app/ or components/;
//   - lib/domain is pure rules: no database, services, connectors, HTTP, auth, logging, network,
//     file system or framework.
// Paths are checked with `import/no-restricted-paths` (it resolves `@/…` and relative imports alike),
// packages with `@typescript-eslint/no-restricted-imports`. Neither is plain `no-restricted-imports`
// on purpose: ESLint does not merge one rule's options across config blocks — a later block setting
// the same rule for the same files replaces these. Extend the zones here rather than re-declaring
// either rule for app/, components/ or lib/ elsewhere (scripts/eslint-boundaries.test.ts notices).

const dbLayer = { from: './lib/db', message: 'app/ and components/ read data through lib/services (views), never lib/db.' };

// The lifecycle steps (activate, finish-ending, fulfil, transitions) check no permission: only the
// services' use cases, which authorize first, may call them.
const lifecycleSteps = { from: './lib/services/lifecycle', message: 'Lifecycle steps skip authorization: call a use case in lib/services instead.' };

const domainIo = ['./app', './components', './lib/db', './lib/services', './lib/connectors', './lib/http', './lib/auth', './lib/log.ts', './lib/server', './lib/seed', './lib/testing'];

const layerBoundaries = [
  {
    name: 'boundaries/app-and-components-without-db',
    files: ['app/**', 'components/**'],
    rules: {
      'import/no-restricted-paths': [
        'error',
        {
          zones: [
            { target: './app', ...dbLayer },
            { target: './components', ...dbLayer },
            { target: ['./app', './components'], ...lifecycleSteps },
          ],
        },
      ],
    },
  },
  {
    name: 'boundaries/lib-without-app',
    files: ['lib/**'],
    // Tests may import the route handlers they drive (the route map and harness live in tests/api and lib/testing).
    ignores: ['**/*.test.ts', 'lib/testing/**'],
    rules: {
      'import/no-restricted-paths': [
        'error',
        {
          zones: [
            { target: './lib', from: ['./app', './components'], message: 'lib/ must not depend on app/ or components/: move what both need into lib/.' },
            { target: ['./lib/http', './lib/auth', './lib/audit', './lib/server', './lib/seed'], ...lifecycleSteps },
          ],
        },
      ],
    },
  },
  {
    // Replaces the block above for lib/domain (same rule): its zone forbids app/ and components/ too.
    name: 'boundaries/pure-domain',
    files: ['lib/domain/**'],
    rules: {
      'import/no-restricted-paths': ['error', { zones: [{ target: './lib/domain', from: domainIo, message: 'lib/domain holds pure rules: no I/O, no framework. Pass data in from a service.' }] }],
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['pg', 'pg/*', 'mysql2', 'mysql2/*', '@prisma/*', 'prisma', 'next', 'next/*', 'next-auth', 'next-auth/*', 'pino', '@electric-sql/*', 'pglite-prisma-adapter', 'ssh2'],
              message: 'lib/domain holds pure rules: no database driver, framework or logger.',
            },
            {
              group: ['fs', 'fs/*', 'net', 'tls', 'dgram', 'dns', 'dns/*', 'http', 'https', 'http2', 'child_process', 'worker_threads', 'node:*', '!node:crypto', '!node:util'],
              message: 'lib/domain holds pure rules: no file system, network or processes (node:crypto and node:util are fine).',
            },
          ],
        },
      ],
    },
  },
];
// ─── end of layer boundaries ──────────────────────────────────────────────────────────────────────

// ── Boundary: test helpers never reach production code ─────────────────────────────────────────────
// lib/testing/ holds fixtures, harnesses and throw-away servers. Production code (app/, components/, lib/,
// the scripts that ship, proxy.ts, instrumentation.ts) may not import it; tests (*.test.ts), lib/testing
// itself, tests/ and the e2e runner may. The path is resolved, so '@/lib/testing/x' and '../testing/x' are
// both caught. eslint-plugin-import is registered again under its own name here so that this rule's zones
// cannot be replaced by another block that configures import/no-restricted-paths for the same files
// (in flat config a later block's options for the same rule win outright).
// The plugin object eslint-config-next already loads (not a dependency of our own).
const importPlugin = nextCoreWebVitals.find((block) => block.plugins?.import).plugins.import;
const testHelpersStayInTests = {
  files: ['app/**', 'components/**', 'lib/**', 'scripts/**', 'proxy.ts', 'instrumentation.ts'],
  ignores: ['lib/testing/**', '**/*.test.ts', '**/*.test.tsx', 'scripts/e2e.ts'],
  plugins: { 'test-boundary': importPlugin },
  rules: {
    'test-boundary/no-restricted-paths': [
      'error',
      { zones: [{ target: '.', from: './lib/testing', message: 'lib/testing is for tests only; production code must not import it' }] },
    ],
  },
};

// ── e2e specs reach their worker's own server ─────────────────────────────────────────────────────
// Each Playwright worker has a portal server and database of its own (e2e/portal-servers.ts); only
// e2e/portal-test.ts's `test` knows which. Playwright's own would send every worker to the first server.
const e2eOwnServer = {
  files: ['e2e/**'],
  ignores: ['e2e/portal-test.ts'],
  rules: {
    '@typescript-eslint/no-restricted-imports': [
      'error',
      { paths: [{ name: '@playwright/test', importNames: ['test'], message: "Import `test` from './portal-test' (or './lifecycle-helpers'): it points the worker at its own portal server." }] },
    ],
  },
};

// ── Links never prefetch ──────────────────────────────────────────────────────────────────────────
// Every portal page is rendered per request, so Next.js's default prefetch renders each linked page on the
// server for a click that may never come (60 renders for one view of /audit). components/ui/app-link.tsx is
// the one place that imports next/link. Core no-restricted-imports is used by no other block here.
const linksWithoutPrefetch = {
  files: ['app/**', 'components/**'],
  ignores: ['components/ui/app-link.tsx'],
  rules: {
    'no-restricted-imports': [
      'error',
      { paths: [{ name: 'next/link', message: 'Use AppLink from @/components/ui/app-link: portal pages are dynamic, and a prefetch renders the whole page on the server.' }] },
    ],
  },
};

const config = [
  ...nextCoreWebVitals,
  ...nextTypescript,
  ...layerBoundaries,
  e2eOwnServer,
  linksWithoutPrefetch,
  {
    ignores: ['.next/**', '.next-*/**', '.data/**', 'lib/db/generated/**', 'node_modules/**', 'test-results/**', 'playwright-report/**', 'next-env.d.ts'],
  },
  testHelpersStayInTests,
];

export default config;
