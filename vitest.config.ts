import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

const root = fileURLToPath(new URL('.', import.meta.url));

// Integration tests that never open the app's test database: the connectors against their real targets,
// the migration engine (its own PGlite, and PostgreSQL when a server is set) and the `npm start` entry point.
// They give the same answer whichever database the app tier runs on, so they form a project run once.
const standaloneIntegration = ['lib/connectors/**/*.integration.test.ts', 'lib/db/migrate.integration.test.ts', 'lib/db/least-privilege.integration.test.ts', 'scripts/**/*.integration.test.ts'];

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
        },
      },
      {
        extends: true,
        test: {
          name: 'integration',
          include: ['lib/**/*.integration.test.ts', 'app/**/*.integration.test.ts', 'scripts/**/*.integration.test.ts', 'tests/**/*.integration.test.ts'],
          exclude: [...standaloneIntegration, '**/node_modules/**'],
          environment: 'node',
          globalSetup: ['lib/testing/global-setup.ts'],
          ...integrationTimeouts,
          // Two cores: files run in parallel, each on its own copy of a template database.
          maxWorkers: 2,
        },
      },
      {
        extends: true,
        test: {
          name: 'standalone',
          include: standaloneIntegration,
          environment: 'node',
          ...integrationTimeouts,
          maxWorkers: 2,
        },
      },
    ],
  },
});
