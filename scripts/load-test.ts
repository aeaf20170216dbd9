// `npm run load [-- --seconds 120 --connections 4]`: two `next start` instances of the production build
// on one throw-away PostgreSQL database, driven at once by a bounded load generator (autocannon) with
// requests, approvals, checks, revocations and one-minute grants that expire during the run. Passes when
// no answer was a 5xx or an unexpected status, every grant ended exactly once, and the audit chain
// verifies. Prints {"name","value","unit"} lines like `npm run bench`. Loopback only; stops by itself.
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { startInstances } from '../bench/load/instances';
import { loadFixture } from '../bench/load/fixture';
import { runMix, type Action, type Tally } from '../bench/load/mix';
import { checkOutcome, waitForAllEnded } from '../bench/load/outcome';
import { createThrowawayDatabase } from '../bench/throwaway-db';
import { buildIfNeeded } from './build-if-needed';
import { runCli } from './cli';

/** The answers each action may get: success, or the 4xx a race legitimately produces (already held, already decided, already ended). */
const expected: Record<Action, number[]> = {
  'request-auto': [201, 409],
  'request-reviewed': [201, 409],
  approve: [200, 409],
  check: [200],
  revoke: [200, 409],
};

const unexpectedAnswers = (tally: Tally) =>
  Object.entries(tally).flatMap(([action, statuses]) =>
    Object.entries(statuses)
      .filter(([status]) => !expected[action as Action].includes(Number(status)))
      .map(([status, n]) => `${action} → ${status} ×${n}`),
  );

const figure = (name: string, value: number, unit: string) => console.log(JSON.stringify({ name, value, unit }));

runCli('load', async () => {
  const { values } = parseArgs({ options: { seconds: { type: 'string', default: '120' }, connections: { type: 'string', default: '4' }, users: { type: 'string', default: '40' } } });
  const seconds = Number(values.seconds);
  const connections = Number(values.connections);
  const users = Number(values.users);
  if (![seconds, connections, users].every((n) => Number.isInteger(n) && n > 0) || seconds > 600) throw new Error('--seconds (≤ 600), --connections and --users must be positive whole numbers');

  const root = fileURLToPath(new URL('..', import.meta.url));
  // One signing key for the instances and this process, which seeds the fixture and verifies the chain.
  process.env.AUDIT_SIGNING_KEY = crypto.randomBytes(32).toString('hex');
  const database = await createThrowawayDatabase();
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    NODE_ENV: 'production',
    DATABASE_URL: database.url,
    AUTH_SECRET: crypto.randomBytes(32).toString('hex'),
    CRON_SECRET: crypto.randomBytes(24).toString('hex'),
    TIMEBOX_SWEEP_INTERVAL_SECONDS: '1',
    LOG_LEVEL: 'warn',
  };
  delete env.AUTH_DEV_LOGIN;
  try {
    console.error(`load: build ${buildIfNeeded(root, '.next', env)}`);
    const tokens = await loadFixture(database.db, users);
    const logDir = fs.mkdtempSync(path.join(os.tmpdir(), 'timebox-load-'));
    const instances = await startInstances(root, [3401, 3402], env, logDir);
    try {
      console.error(`load: ${instances.urls.join(' and ')} on ${database.name}; ${seconds} s at ${connections} connections each`);
      const mix = await runMix(instances.urls, tokens, { seconds, connections });
      const left = await waitForAllEnded(database.db, 180_000);
      const outcome = await checkOutcome(database.db);
      const unexpected = unexpectedAnswers(mix.tally);

      figure('load.requests', mix.requests, 'requests');
      figure('load.throughput', Math.round(mix.requests / seconds), 'req/s');
      figure('load.latency_p99', mix.latencyP99Ms, 'ms');
      figure('load.errors', mix.errors + mix.timeouts, 'requests');
      figure('load.unexpected_status', unexpected.length, 'kinds');
      figure('load.grants', outcome.grants, 'grants');
      figure('load.grants_ended_other_than_once', outcome.endedOtherThanOnce.length + left, 'grants');
      figure('load.chain_ok', outcome.chain.ok ? 1 : 0, 'bool');
      console.error(`load: answers ${JSON.stringify(mix.tally)}; grants ${JSON.stringify(outcome.byStatus)}; chain ${JSON.stringify(outcome.chain)}`);

      const problems = [
        ...(mix.errors + mix.timeouts > 0 ? [`${mix.errors} connection errors and ${mix.timeouts} timeouts`] : []),
        ...unexpected.map((u) => `unexpected answer: ${u}`),
        ...(left > 0 ? [`${left} grants still live 3 minutes after the load`] : []),
        ...outcome.endedOtherThanOnce.slice(0, 10).map((g) => `not ended exactly once: ${g}`),
        ...(outcome.chain.ok ? [] : [`audit chain broken: ${JSON.stringify(outcome.chain)}`]),
      ];
      if (problems.length) throw new Error(`${problems.join('\n')}\nthe servers' logs: ${logDir}`);
      console.error('load: passed');
    } finally {
      await instances.stop();
    }
  } finally {
    await database.drop();
  }
});
