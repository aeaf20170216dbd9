// The `statements` group: what one API call asks of PostgreSQL, counted at node-postgres (every
// statement a pooled client sends, BEGIN/COMMIT included), and the CPU our own code path costs per call
// (the route handler called in-process exactly as Next.js calls it, so Next.js itself is left out).
// Both hold on a loaded machine where the `api` group's req/s do not: a count does not move with the
// load, and CPU time moves far less than wall time.
//  - GET /api/v1/access/check with a `check_any` token (allowed: true);
//  - auto-approved POST /api/v1/requests, each by its own engineer.
import pg from 'pg';
import crypto from 'node:crypto';
import { GET as checkRoute } from '@/app/api/v1/access/check/route';
import { POST as createRoute } from '@/app/api/v1/requests/route';
import { loadActor } from '@/lib/auth/load-actor';
import { getConfig } from '@/lib/config/env';
import { defaultConnectors } from '@/lib/connectors/registry';
import { systemClock } from '@/lib/domain/clock';
import { requestAccessInput } from '@/lib/domain/request-input';
import { seedDemo } from '@/lib/seed/seed-demo';
import type { ServiceDeps } from '@/lib/services/deps';
import { requestAccess } from '@/lib/services/requests/request-access';
import { overrideServiceDeps } from '@/lib/services/runtime';
import { generateTokenSecret, hashTokenSecret } from '@/lib/services/tokens/token-secret';
import { CHECK_PATH, mintCheckToken } from './check-token';
import { type BenchContext, median, round } from './measure';
import { createThrowawayDatabase } from './throwaway-db';

const WARMUP = 50;
const CALLS = 300;

/** Every statement node-postgres sends while `recording` is on (the first words, to say which). */
function statementRecorder() {
  const sent: string[] = [];
  let recording = false;
  const original = pg.Client.prototype.query;
  pg.Client.prototype.query = function (this: pg.Client, ...args: unknown[]) {
    if (recording) {
      const first = args[0] as string | { text?: string };
      const text = typeof first === 'string' ? first : (first?.text ?? '');
      sent.push(text.replace(/\s+/g, ' ').trim().slice(0, 90));
    }
    return (original as (...a: unknown[]) => unknown).apply(this, args);
  } as typeof original;
  return {
    async during(fn: () => Promise<unknown>): Promise<string[]> {
      sent.length = 0;
      recording = true;
      try {
        await fn();
      } finally {
        recording = false;
      }
      return [...sent];
    },
    restore: () => {
      pg.Client.prototype.query = original;
    },
  };
}

/** CPU (user + system) of this process per call, in ms, over `calls` calls made one after another. */
async function cpuPerCall(calls: number, fn: (i: number) => Promise<unknown>): Promise<number> {
  const before = process.cpuUsage();
  for (let i = 0; i < calls; i++) await fn(i);
  const used = process.cpuUsage(before);
  return round((used.user + used.system) / 1000 / calls, 2);
}

async function expectStatus(response: Promise<Response>, status: number): Promise<void> {
  const res = await response;
  if (res.status !== status) throw new Error(`statements: expected ${status}, got ${res.status}: ${await res.text()}`);
}

export async function runStatementsBench(ctx: BenchContext): Promise<void> {
  const database = await createThrowawayDatabase();
  // As the server on PostgreSQL is configured (so the rate limits count in the database, as they do there).
  const serverUrl = process.env.DATABASE_URL;
  process.env.DATABASE_URL = database.url;
  process.env.AUTH_SECRET ??= crypto.randomBytes(32).toString('hex');
  if (getConfig().embedded) throw new Error('statements: the configuration was read before DATABASE_URL was set');
  const recorder = statementRecorder();
  try {
    const { db } = database;
    await seedDemo(db);
    const deps: ServiceDeps = { db, clock: systemClock, connectors: defaultConnectors() };
    overrideServiceDeps(deps);
    const alice = await db.user.findUniqueOrThrow({ where: { email: 'alice@example.com' } });
    await requestAccess(deps, { actor: (await loadActor(db, alice.id))!, via: 'web' }, requestAccessInput.parse({ resource: 'feature-flags', role: 'admin', durationMinutes: 60, justification: 'benchmark run' }));
    const checkSecret = await mintCheckToken(db);

    // Engineers (auto-approved for feature-flags admin), one request each, each with a `requests` token.
    const engineering = await db.group.findUniqueOrThrow({ where: { name: 'engineering' } });
    const users = Array.from({ length: WARMUP + CALLS + 1 }, (_, i) => ({ id: crypto.randomUUID(), email: `bench-statements-${i}@example.com`, name: `Bench ${i}`, source: 'seed' }));
    await db.user.createMany({ data: users });
    await db.groupMembership.createMany({ data: users.map((u) => ({ userId: u.id, groupId: engineering.id })) });
    const secrets = users.map(() => generateTokenSecret());
    await db.apiToken.createMany({ data: users.map((u, i) => ({ userId: u.id, name: 'bench', tokenHash: hashTokenSecret(secrets[i]!), prefix: secrets[i]!.slice(4, 12), scopes: ['requests'] })) });
    await db.$executeRawUnsafe('ANALYZE');

    const check = () =>
      expectStatus(checkRoute(new Request(`http://bench${CHECK_PATH}`, { headers: { authorization: `Bearer ${checkSecret}` } })), 200);
    const create = (i: number) =>
      expectStatus(
        createRoute(
          new Request('http://bench/api/v1/requests', {
            method: 'POST',
            headers: { authorization: `Bearer ${secrets[i]}`, 'content-type': 'application/json' },
            body: JSON.stringify({ resource: 'feature-flags', role: 'admin', durationMinutes: 30, justification: 'benchmark run' }),
          }),
          { params: Promise.resolve({}) },
        ),
        201,
      );

    for (let i = 0; i < WARMUP; i++) await check();
    const checkStatements = await recorder.during(check);
    for (let i = 0; i < WARMUP; i++) await create(i);
    const createStatements = await recorder.during(() => create(WARMUP + CALLS));
    ctx.log(`statements: one check:\n  ${checkStatements.join('\n  ')}`);
    ctx.log(`statements: one auto-approved creation:\n  ${createStatements.join('\n  ')}`);
    ctx.report({ name: 'statements.check.count', value: checkStatements.length, unit: 'statements' });
    ctx.report({ name: 'statements.create_request.count', value: createStatements.length, unit: 'statements' });

    const checkCpu: number[] = [];
    const createCpu: number[] = [];
    const rounds = ctx.repeats;
    const perRound = Math.floor(CALLS / rounds);
    for (let r = 0; r < rounds; r++) {
      checkCpu.push(await cpuPerCall(CALLS, check));
      createCpu.push(await cpuPerCall(perRound, (i) => create(WARMUP + r * perRound + i)));
    }
    ctx.report({ name: 'statements.check.cpu_per_call', value: median(checkCpu), unit: 'ms', detail: { runs: checkCpu, calls: CALLS } });
    ctx.report({ name: 'statements.create_request.cpu_per_call', value: median(createCpu), unit: 'ms', detail: { runs: createCpu, calls: perRound } });
  } finally {
    recorder.restore();
    overrideServiceDeps(null);
    await database.drop();
    if (serverUrl === undefined) delete process.env.DATABASE_URL;
    else process.env.DATABASE_URL = serverUrl;
  }
}
