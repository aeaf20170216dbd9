import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

// `npm test`: every tier, in order, each step's time printed, a summary line at the end.
// The integration tier runs on PGlite, and again on PostgreSQL when DATABASE_URL (or TEST_DATABASE_URL) is set.
// The standalone integration tests (connectors, migrations, `npm start`) open no app database: they run once.
const root = fileURLToPath(new URL('..', import.meta.url));
const bin = (pkg: string, file: string) => path.join(root, 'node_modules', pkg, file);
const tsx = bin('tsx', 'dist/cli.mjs');
const vitest = bin('vitest', 'vitest.mjs');
const postgresUrl = process.env.TEST_DATABASE_URL || process.env.DATABASE_URL;

interface Step {
  name: string;
  args: string[];
  env?: Record<string, string>;
}

const steps: Step[] = [
  { name: 'typecheck', args: [bin('typescript', 'bin/tsc'), '--noEmit'] },
  { name: 'lint', args: [bin('eslint', 'bin/eslint.js'), '--max-warnings=0', '.'] },
  { name: 'server actions', args: [tsx, 'scripts/check-server-actions.ts'] },
  { name: 'migration drift', args: [tsx, 'scripts/db-drift.ts'] },
  { name: 'unit', args: [vitest, 'run', '--project', 'unit'] },
  { name: 'integration (standalone)', args: [vitest, 'run', '--project', 'standalone'], env: postgresUrl ? { TEST_DATABASE_URL: postgresUrl } : {} },
  { name: 'integration (PGlite)', args: [vitest, 'run', '--project', 'integration'], env: { TIMEBOX_TEST_DB: 'pglite' } },
  ...(postgresUrl
    ? [{ name: 'integration (PostgreSQL)', args: [vitest, 'run', '--project', 'integration'], env: { TIMEBOX_TEST_DB: 'postgres', TEST_DATABASE_URL: postgresUrl } }]
    : []),
  { name: 'e2e (Chromium)', args: [tsx, 'scripts/e2e.ts'] },
];

if (!postgresUrl) console.log('test: DATABASE_URL is unset, so the integration tier runs on PGlite only');

const results: { name: string; ok: boolean; seconds: number }[] = [];
for (const step of steps) {
  console.log(`\n━━ ${step.name} ━━`);
  const started = Date.now();
  const result = spawnSync(process.execPath, step.args, { cwd: root, stdio: 'inherit', env: { ...process.env, ...step.env } });
  results.push({ name: step.name, ok: result.status === 0, seconds: (Date.now() - started) / 1000 });
}

console.log('\n━━ summary ━━');
for (const r of results) console.log(`${r.ok ? 'ok  ' : 'FAIL'}  ${r.name.padEnd(26)} ${r.seconds.toFixed(1)} s`);
const failed = results.filter((r) => !r.ok).length;
console.log(`steps: ${results.length - failed} passed, ${failed} failed`);
process.exit(failed ? 1 : 0);
