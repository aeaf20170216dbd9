import nextCoreWebVitals from 'eslint-config-next/core-web-vitals';
import nextTypescript from 'eslint-config-next/typescript';

// Layer rules the build enforces (DESIGN.md): each zone says who may not import what, and why.
const boundaries = [
  {
    // The lifecycle steps (activate, finish-ending, fulfil, transitions) check no permission: only the
    // services' use cases, which authorize first, may call them.
    target: ['./app', './components', './lib/http', './lib/auth', './lib/audit', './lib/server', './scripts'],
    from: './lib/services/lifecycle',
    message: 'Lifecycle steps skip authorization: call a use case in lib/services instead.',
  },
];

const config = [
  ...nextCoreWebVitals,
  ...nextTypescript,
  {
    files: ['**/*.{ts,tsx,js,mjs}'],
    ignores: ['**/*.test.ts', 'lib/testing/**'],
    rules: { 'import/no-restricted-paths': ['error', { zones: boundaries }] },
  },
  {
    ignores: ['.next/**', '.next-*/**', '.data/**', 'lib/db/generated/**', 'node_modules/**', 'test-results/**', 'playwright-report/**', 'next-env.d.ts'],
  },
];

export default config;
