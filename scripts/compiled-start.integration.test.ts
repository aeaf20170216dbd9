// The compiled scripts/start.ts that `npm start` runs with plain Node (scripts/compile-bundle.ts): it must find the
// migrations, Prisma's WASM and the project root from its own folder, report bad configuration as the source
// does, and on a warm database answer from the status check alone.
import { randomBytes } from 'node:crypto';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { useEmptyDatabase } from '@/lib/testing/empty-database';
import { requireServer } from '@/lib/testing/require-server';
import { sourceFingerprint } from './build-if-needed';
import { COMPILED_DIR, MANIFEST, compileStart, manifestOf } from './compile-bundle';

const TIMEOUT = 180_000;
const root = fileURLToPath(new URL('..', import.meta.url));
// A folder of its own that passes for an up-to-date build (BUILD_ID and the sources' stamp), so no start here builds.
const distDir = `.next-compiled-start-test-${randomBytes(4).toString('hex')}`;
const secrets = { AUTH_SECRET: 'a'.repeat(32), AUDIT_SIGNING_KEY: 'b'.repeat(32) };

function run(command: string[], env: Record<string, string>) {
  const result = spawnSync(process.execPath, command, {
    cwd: root,
    env: { NODE_ENV: 'production', PATH: process.env.PATH, HOME: process.env.HOME, TIMEBOX_DIST_DIR: distDir, ...env },
    encoding: 'utf8',
    timeout: TIMEOUT,
  });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr.trim() };
}
const compiledStart = (env: Record<string, string>) => run([path.join(distDir, COMPILED_DIR, 'start.mjs')], env);

beforeAll(async () => {
  fs.mkdirSync(path.join(root, distDir));
  fs.writeFileSync(path.join(root, distDir, 'BUILD_ID'), 'test');
  fs.writeFileSync(path.join(root, distDir, 'timebox-source.sha256'), sourceFingerprint(root));
  await compileStart(root, distDir);
}, TIMEOUT);
afterAll(() => fs.rmSync(path.join(root, distDir), { recursive: true, force: true }));

describe('the compiled start', () => {
  it('stops with one clear line on bad configuration, run by the launcher', () => {
    const { status, stderr } = run(['scripts/start.mjs'], { PORT: 'abc' });
    expect(status).toBe(1);
    expect(stderr).toMatch(/^start: configuration error: PORT [^\n]*$/);
  }, TIMEOUT);

  it('names an unreachable database in one line', () => {
    const { status, stderr } = compiledStart({ DATABASE_URL: 'postgresql://postgres@127.0.0.1:1/timebox', ...secrets });
    expect(status).toBe(1);
    expect(stderr).toMatch(/^start: configuration error: DATABASE_URL cannot reach the database at 127\.0\.0\.1:1\/timebox[^\n]*$/);
  }, TIMEOUT);
});

// The launcher's choice, on a stand-in compiled copy that says it ran, made from one probe source: it must
// run that copy while the probe is as recorded (or only touched), and start.ts under tsx once the probe's
// content changed, even at the same size. Bad configuration makes either child stop at once, saying which ran.
describe('the launcher, choosing the compiled copy', () => {
  const standIn = `.next-launcher-test-${randomBytes(4).toString('hex')}`;
  const probe = path.join(standIn, 'probe.ts');
  const launch = () => run(['scripts/start.mjs'], { PORT: 'abc', TIMEBOX_DIST_DIR: standIn });
  const ranCompiled = (result: ReturnType<typeof launch>) => result.stdout.includes('the stand-in compiled copy ran');
  const ranTsx = (result: ReturnType<typeof launch>) => /^start: configuration error: PORT [^\n]*$/.test(result.stderr) && !ranCompiled(result);
  /** Writes the probe with an mtime of `mtimeSeconds` (whole seconds: restored exactly) and records the manifest. */
  function compileProbe(content: string, mtimeSeconds: number) {
    fs.writeFileSync(path.join(root, probe), content);
    fs.utimesSync(path.join(root, probe), mtimeSeconds, mtimeSeconds);
    fs.writeFileSync(path.join(root, standIn, COMPILED_DIR, MANIFEST), JSON.stringify(manifestOf(root, [probe])));
  }

  beforeAll(() => {
    fs.mkdirSync(path.join(root, standIn, COMPILED_DIR), { recursive: true });
    fs.writeFileSync(path.join(root, standIn, COMPILED_DIR, 'start.mjs'), `console.log('the stand-in compiled copy ran'); process.exit(3);\n`);
  });
  afterAll(() => fs.rmSync(path.join(root, standIn), { recursive: true, force: true }));

  const anHourAgo = () => Math.floor(Date.now() / 1000) - 3600;

  it('runs the compiled copy while its sources are as recorded, or only touched', () => {
    compileProbe('export const probe = 1;\n', anHourAgo());
    const unchanged = launch();
    expect(unchanged.status).toBe(3);
    expect(ranCompiled(unchanged)).toBe(true);

    fs.utimesSync(path.join(root, probe), new Date(), new Date());
    expect(ranCompiled(launch())).toBe(true);
  }, TIMEOUT);

  it('falls back to tsx when a source was edited to the same size', () => {
    const recordedMtime = anHourAgo();
    compileProbe('export const probe = 1;\n', recordedMtime);
    fs.writeFileSync(path.join(root, probe), 'export const probe = 2;\n');
    // The edit's own mtime is the only sign of it besides the content: the size is the same.
    expect(fs.statSync(path.join(root, probe)).mtimeMs).toBeGreaterThan(recordedMtime * 1000);

    const edited = launch();
    expect(edited.status).toBe(1);
    expect(ranTsx(edited)).toBe(true);
  }, TIMEOUT);

  it('hashes a source modified just before it was recorded, even when its mtime did not move', () => {
    // Within one mtime tick of the recording, an edit can leave the mtime as it was: here it is put back by hand.
    // A few seconds ahead, so that it counts as "not older than the recording" however slowly this test runs.
    const aroundNow = Math.floor(Date.now() / 1000) + 5;
    compileProbe('export const probe = 1;\n', aroundNow);
    fs.writeFileSync(path.join(root, probe), 'export const probe = 3;\n');
    fs.utimesSync(path.join(root, probe), aroundNow, aroundNow);

    expect(ranTsx(launch())).toBe(true);
  }, TIMEOUT);
});

const serverUrl = process.env.TEST_DATABASE_URL || process.env.DATABASE_URL;

describe.runIf(requireServer('TEST_DATABASE_URL or DATABASE_URL', serverUrl))('the compiled start on PostgreSQL', () => {
  const { url } = useEmptyDatabase(serverUrl!, 'timebox_cstart', TIMEOUT);
  const planFile = path.join(root, distDir, 'plan.json');

  it('migrates and seeds a fresh database and leaves a plan, then finds nothing to do', async () => {
    const env = { DATABASE_URL: url, TIMEBOX_START_PLAN: planFile, ...secrets };
    const first = compiledStart(env);
    expect(first.stderr).toBe('');
    expect(first.status).toBe(0);
    expect(first.stdout).toMatch(/build up-to-date; applied \d+ migration\(s\); seeded the demo organisation/);
    expect(JSON.parse(fs.readFileSync(planFile, 'utf8'))).toMatchObject({ args: ['start', '--port', '3000', '--hostname', '127.0.0.1'] });
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    try {
      const { rows } = await client.query<{ users: number; migrations: number }>(`SELECT (SELECT count(*)::int FROM "User") AS users, (SELECT count(*)::int FROM _prisma_migrations) AS migrations`);
      expect(rows[0]!.users).toBeGreaterThan(0);
      expect(rows[0]!.migrations).toBe(fs.readdirSync(path.join(root, 'prisma', 'migrations'), { withFileTypes: true }).filter((entry) => entry.isDirectory()).length);
    } finally {
      await client.end();
    }

    const second = compiledStart(env);
    expect(second.status).toBe(0);
    expect(second.stdout).toMatch(/migrations up to date \(/);
    expect(second.stdout).not.toMatch(/seeded/);
  }, TIMEOUT);
});
