import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

const root = fileURLToPath(new URL('.', import.meta.url));

// Integration tests that never open the app's test database: the connectors against their real targets,
// the migration engine (its own PGlite, and PostgreSQL when a server is set), the `npm start` entry point,
// the OpenAPI document against the route files, next-auth against a real OpenID provider, and the API
// facing a dead database server. They give the same answer whichever database the app tier runs on, so
// they form a project run once.
const standaloneIntegration = [
  'lib/connectors/**/*.integration.test.ts',
  'lib/db/migrate.integration.test.ts',
  'lib/db/least-privilege.integration.test.ts',
  'lib/db/prepare.integration.test.ts',
  'scripts/**/*.integration.test.ts',
  'tests/api/openapi.integration.test.ts',
  'tests/api/oidc-sign-in-errors.integration.test.ts',
  'tests/api/outage.integration.test.ts',
];

// Integration tests whose answer the database engine cannot change: the HTTP edge (malformed bodies, request
// ids), the domain rules driven one step at a time (no concurrency, so no engine-specific locking), and the
// connector endpoints and the grant-against-a-real-target service tests, whose outcome is what the target (a
// PostgreSQL, a MariaDB or an sshd of their own) now allows (the grant lifecycle they drive, sweep and
// batching included, runs on both engines in tests/api/lifecycle, grant-ending and sweep-concurrency). When
// `npm test` runs the tier on both databases it sets TIMEBOX_TEST_ONCE to the one that runs them, and the
// other run leaves them out. Unset (a single run), every file runs.
const databaseAgnosticIntegration = [
  'tests/api/fuzz.integration.test.ts',
  'tests/api/request-trace.integration.test.ts',
  'tests/properties/*.integration.test.ts',
  'tests/api/connectors-postgres.integration.test.ts',
  'tests/api/connectors-ssh.integration.test.ts',
  'lib/services/grants/*-grant-lifecycle.integration.test.ts',
  'lib/services/break-glass/postgres-break-glass.integration.test.ts',
];
const runOnceElsewhere = process.env.TIMEBOX_TEST_ONCE !== undefined && process.env.TIMEBOX_TEST_ONCE !== (process.env.TIMEBOX_TEST_DB ?? 'pglite');

// Heavy tests on two shared cores: an overloaded machine makes them slow, never wrong.
const integrationTimeouts = { testTimeout: 120_000, hookTimeout: 180_000 };

export default defineConfig({
  resolve: { alias: { '@': root } },
  test: {
    // Typed as failures, never silently skipped: a test that cannot reach its server fails on CI.
    allowOnly: false,
    projects: [
      {
        extends: true,
        test: {
          name: 'unit',
          include: ['lib/**/*.test.ts', 'scripts/**/*.test.ts'],
          exclude: ['**/*.integration.test.ts', '**/node_modules/**', 'lib/db/generated/**'],
          environment: 'node',
          // A few unit tests do real CPU work (RSA key generation, an ESLint run): on a busy two-core machine
          // that took 10–30 s where a quiet one takes one. Slow is not wrong.
          testTimeout: 60_000,
          // Files of a worker share loaded modules instead of importing everything again for each file: that
          // import was most of the tier's time (31 → 8–10 s). No unit test mocks a module; run with
          // --sequence.shuffle.files to check that no file depends on another's leftovers.
          isolate: false,
        },
      },
      {
        extends: true,
        test: {
          name: 'integration',
          include: ['lib/**/*.integration.test.ts', 'app/**/*.integration.test.ts', 'scripts/**/*.integration.test.ts', 'tests/**/*.integration.test.ts'],
          exclude: [...standaloneIntegration, ...(runOnceElsewhere ? databaseAgnosticIntegration : []), '**/node_modules/**'],
          environment: 'node',
          globalSetup: ['lib/testing/global-setup.ts'],
          ...integrationTimeouts,
          // Two cores: files run in parallel, each on its own copy of a template database.
          maxWorkers: 2,
          // Files of a worker share loaded modules (Prisma's client, Next's server code, the app) instead of
          // importing them again per file, which took about half the tier's CPU (PostgreSQL 153 → 72–77 s,
          // PGlite alike). Each file still has its own database copy; state a file changes outside it
          // (overrides, env) is put back in its afterAll/afterEach, and the one file that mocks modules
          // (request-trace) resets the module registry around itself.
          isolate: false,
        },
      },
      {
        extends: true,
        test: {
          name: 'standalone',
          include: standaloneIntegration,
          environment: 'node',
          ...integrationTimeouts,
          // As the integration tier: shared modules (60 → 51 s); it passes with shuffled file order.
          isolate: false,
          maxWorkers: 2,
        },
      },
    ],
  },
});
