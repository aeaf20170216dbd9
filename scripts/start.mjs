// `npm start`: scripts/start.ts prepares (configuration, migrations, seed, build) in a child that exits,
// leaving a plan of how to serve; this small plain-Node file (no tsx, esbuild or Prisma loaded) then becomes
// the server: it runs Next.js's own `next start` in this process, so the server is the only process left
// running (Node has no exec; a launcher waiting beside the server kept 40–80 MB for its whole life). It
// prints where to go once the server answers; signals and the exit code are Next.js's own. The child is the
// compiled start.ts (scripts/compile-bundle.ts) when one matches the sources, else start.ts under tsx.
import { spawnSync } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { compiledIsCurrent } from './compiled-current.mjs';

const root = fileURLToPath(new URL('..', import.meta.url));
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'timebox-start-'));
const planFile = path.join(dir, `plan-${crypto.randomBytes(4).toString('hex')}.json`);
const tsx = path.join(root, 'node_modules', 'tsx', 'dist', 'cli.mjs');
// Where scripts/compile-bundle.ts writes the compiled start.ts and the hashes of its sources.
const compiled = path.join(root, process.env.TIMEBOX_DIST_DIR ?? '.next', 'timebox-start');

// Plain Node runs the compiled copy; without a current one, tsx runs the source and compiles it for next time.
const [prepareCommand, compileEnv] = compiledIsCurrent(root, compiled) ? [[path.join(compiled, 'start.mjs')], {}] : [[tsx, path.join(root, 'scripts', 'start.ts')], { TIMEBOX_START_COMPILE: '1' }];
const prepared = spawnSync(process.execPath, prepareCommand, { cwd: root, stdio: 'inherit', env: { ...process.env, ...compileEnv, TIMEBOX_START_PLAN: planFile } });
let plan;
try {
  plan = prepared.status === 0 ? JSON.parse(fs.readFileSync(planFile, 'utf8')) : null;
} finally {
  fs.rmSync(dir, { recursive: true, force: true });
}
if (!plan) process.exit(prepared.status ?? 1);

// What `node <nextBin> start …` would see, then Next.js's command line loaded here (its bin is CommonJS).
process.chdir(plan.cwd);
for (const name of Object.keys(process.env)) if (!(name in plan.env)) delete process.env[name];
Object.assign(process.env, plan.env);
process.argv = [process.execPath, plan.nextBin, ...plan.args];
createRequire(import.meta.url)(plan.nextBin);

// Once it answers (any status: a degraded database is reported by the server itself), say where to go.
// A server that cannot start exits the process itself, which ends this loop with it.
for (const giveUp = Date.now() + 180_000; Date.now() < giveUp; await new Promise((r) => setTimeout(r, 500))) {
  const up = await fetch(plan.healthUrl, { signal: AbortSignal.timeout(5_000) }).then(() => true, () => false);
  if (up) {
    console.log(plan.banner.join('\n'));
    break;
  }
}
