import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';

// The real `npm start` entry point, given broken configuration: one line naming the variable, exit 1, no stack.
function start(env: Record<string, string>) {
  const result = spawnSync(process.execPath, ['node_modules/tsx/dist/cli.mjs', 'scripts/start.ts'], {
    env: { NODE_ENV: 'production' as const, PATH: process.env.PATH, HOME: process.env.HOME, TIMEBOX_DATA_DIR: '/nonexistent-should-not-be-used', ...env },
    encoding: 'utf8',
    timeout: 30_000,
  });
  return { status: result.status, lines: result.stderr.trim().split('\n'), stdout: result.stdout };
}

describe('npm start with bad configuration', () => {
  it.each([
    [{ PORT: 'abc' }, /^start: configuration error: PORT /],
    [{ PORT: '99999' }, /^start: configuration error: PORT /],
    [{ DATABASE_URL: 'not-a-url', AUTH_SECRET: 'x'.repeat(32) }, /^start: configuration error: DATABASE_URL must be a postgresql:\/\/ URL/],
    [{ DATABASE_URL: 'postgresql://postgres@127.0.0.1:1/timebox', AUTH_SECRET: 'x'.repeat(32) }, /^start: configuration error: DATABASE_URL cannot reach the database at 127\.0\.0\.1:1\/timebox/],
    [{ DATABASE_URL: 'postgresql://postgres@127.0.0.1:5432/timebox' }, /^start: configuration error: AUTH_SECRET is required/],
  ])('%o stops with one clear line', (env, expected) => {
    const { status, lines, stdout } = start(env);
    expect(status).toBe(1);
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(expected);
    expect(stdout).not.toMatch(/\bat .+:\d+:\d+/);
  });
});
