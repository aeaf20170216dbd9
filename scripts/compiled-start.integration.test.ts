// The compiled scripts/start.ts that `npm start` runs with plain Node (scripts/compile-start.ts): it must find the
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
import { COMPILED_DIR, compileStart } from './compile-start';

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
