import nextCoreWebVitals from 'eslint-config-next/core-web-vitals';
import nextTypescript from 'eslint-config-next/typescript';

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

const config = [
  ...nextCoreWebVitals,
  ...nextTypescript,
  {
    ignores: ['.next/**', '.next-*/**', '.data/**', 'lib/db/generated/**', 'node_modules/**', 'test-results/**', 'playwright-report/**', 'next-env.d.ts'],
  },
  testHelpersStayInTests,
];

export default config;
