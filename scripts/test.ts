import { spawn } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { failureDigest } from './failure-digest';

// `npm test`: every tier, each step's time printed, a summary line at the end.
// The integration tier runs on PGlite, and again on PostgreSQL when DATABASE_URL (or TEST_DATABASE_URL) is set.
// The standalone integration tests (connectors, migrations, `npm start`) open no app database: they run once.
//
// Steps run in phases. Within a phase the lanes run at once: the first phase's steps are single-threaded
// CPU work with no timing in them (typecheck, lint, unit) plus the e2e build, so together they keep both
// cores busy instead of one. The standalone integration tests follow the unit tests there: the e2e build
// is the longest lane of that phase (90–130 s, the others end after ~45 s), and much of the standalone
// tests' minute is waiting on real time (a certificate running out, sshd, initdb), so there they cost the
// phase little, while in the second phase they lengthened its longest lane by their whole minute. The
// second runs the two database-bound integration tiers one after another beside the e2e tier: the browser
// tests mostly wait on one request at a time (about one core), so the integration tiers fill the other
// core instead of waiting their turn. Every test waits for conditions with budgets set for a busy two-core
// machine, so sharing it makes them slower, never wrong.
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
/** Steps of one phase run at once; a list inside a phase runs in order (one lane). */
type Lane = Step[];

const phases: Lane[][] = [
  [
    [{ name: 'typecheck', args: [bin('typescript', 'bin/tsc'), '--noEmit'] }],
    [{ name: 'lint', args: [bin('eslint', 'bin/eslint.js'), '--max-warnings=0', '.'] }],
    [
      { name: 'server actions', args: [tsx, 'scripts/check-server-actions.ts'] },
      { name: 'migration drift', args: [tsx, 'scripts/db-drift.ts'] },
      { name: 'unit', args: [vitest, 'run', '--project', 'unit'] },
      { name: 'integration (standalone)', args: [vitest, 'run', '--project', 'standalone'], env: postgresUrl ? { TEST_DATABASE_URL: postgresUrl } : {} },
    ],
    // The typecheck lane checks the types; the build need not do it again (next.config.js).
    [{ name: 'e2e build', args: [tsx, 'scripts/e2e-build.ts'], env: { TIMEBOX_BUILD_TYPECHECKED: '1' } }],
  ],
  [
    [
      { name: 'integration (PGlite)', args: [vitest, 'run', '--project', 'integration'], env: { TIMEBOX_TEST_DB: 'pglite', ...(postgresUrl ? { TIMEBOX_TEST_ONCE: 'postgres' } : {}) } },
      ...(postgresUrl
        ? [{ name: 'integration (PostgreSQL)', args: [vitest, 'run', '--project', 'integration'], env: { TIMEBOX_TEST_DB: 'postgres', TEST_DATABASE_URL: postgresUrl, TIMEBOX_TEST_ONCE: 'postgres' } }]
        : []),
    ],
    [{ name: 'e2e (Chromium)', args: [tsx, 'scripts/e2e.ts'] }],
  ],
];

if (!postgresUrl) console.log('test: DATABASE_URL is unset, so the integration tier runs on PGlite only');

interface Result {
  name: string;
  ok: boolean;
  seconds: number;
  /** A failed step's output, kept so the summary can repeat what failed at the end of the log. */
  output?: string;
}

/** Runs one step. Alone in its phase it streams its output; beside others it prints it whole when done. */
function run(step: Step, alone: boolean): Promise<Result> {
  const started = Date.now();
  if (alone) console.log(`\n━━ ${step.name} ━━`);
  return new Promise((resolve) => {
    const child = spawn(process.execPath, step.args, { cwd: root, stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, ...step.env } });
    const output: Buffer[] = [];
    const keep = (chunk: Buffer) => {
      output.push(chunk);
      if (alone) process.stdout.write(chunk);
    };
    child.stdout.on('data', keep);
    child.stderr.on('data', keep);
    child.on('close', (code) => {
      const ok = code === 0;
      const text = Buffer.concat(output).toString();
      const result: Result = { name: step.name, ok, seconds: (Date.now() - started) / 1000, ...(ok ? {} : { output: text }) };
      if (!alone) {
        console.log(`\n━━ ${step.name} (${ok ? 'ok' : 'FAILED'}, ${result.seconds.toFixed(1)} s) ━━`);
        process.stdout.write(text);
      }
      resolve(result);
    });
  });
}

async function runLane(lane: Lane, alone: boolean): Promise<Result[]> {
  const results: Result[] = [];
  for (const step of lane) results.push(await run(step, alone));
  return results;
}

const results: Result[] = [];
const started = Date.now();
for (const phase of phases) {
  const alone = phase.length === 1 && phase[0]!.length === 1;
  if (!alone) console.log(`\n━━ at once: ${phase.map((lane) => lane.map((s) => s.name).join(' → ')).join(' ‖ ')} ━━`);
  for (const laneResults of await Promise.all(phase.map((lane) => runLane(lane, alone)))) results.push(...laneResults);
}

console.log('\n━━ summary ━━');
for (const r of results) console.log(`${r.ok ? 'ok  ' : 'FAIL'}  ${r.name.padEnd(26)} ${r.seconds.toFixed(1)} s`);
for (const r of results.filter((x) => !x.ok && x.output)) {
  console.log(`\n━━ what failed in ${r.name} ━━`);
  for (const line of failureDigest(r.output!)) console.log(line);
}
const failed = results.filter((r) => !r.ok).length;
console.log(`steps: ${results.length - failed} passed, ${failed} failed; ${((Date.now() - started) / 1000).toFixed(0)} s in all`);
process.exit(failed ? 1 : 0);
