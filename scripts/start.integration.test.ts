import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';

// The real `npm start` entry point, given broken configuration: one line naming the variable, exit 1, no stack.
function start(env: Record<string, string>) {
  const result = spawnSync(process.execPath, ['node_modules/tsx/dist/cli.mjs', 'scripts/start.ts'], {
    env: { NODE_ENV: 'production' as const, PATH: process.env.PATH, HOME: process.env.HOME, TIMEBOX_DATA_DIR: '/nonexistent-should-not-be-used', ...env },
    encoding: 'utf8',
    timeout: 90_000, // tsx compiles start.ts cold: seconds on a quiet machine, many on a busy one
  });
  return { status: result.status, lines: result.stderr.trim().split('\n'), stdout: result.stdout };
}

// Each variable's rules are unit-tested in lib/config/env.test.ts; these spawns cover what only the real entry
// point does: turn a ConfigError into one line and exit 1 (a bad PORT), and check the database is reachable.
describe('npm start with bad configuration', () => {
  it.each([
    [{ PORT: 'abc' }, /^start: configuration error: PORT /],
    [{ DATABASE_URL: 'postgresql://postgres@127.0.0.1:1/timebox', AUTH_SECRET: 'x'.repeat(32), AUDIT_SIGNING_KEY: 'y'.repeat(32) }, /^start: configuration error: DATABASE_URL cannot reach the database at 127\.0\.0\.1:1\/timebox/],
  ])('%o stops with one clear line', (env, expected) => {
    const { status, lines, stdout } = start(env);
    expect(status).toBe(1);
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(expected);
    expect(stdout).not.toMatch(/\bat .+:\d+:\d+/);
  });
});
