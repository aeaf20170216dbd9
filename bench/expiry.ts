// How long after a grant's end can its PostgreSQL role still log in, under the internal scheduler?
// `npx tsx bench/expiry.ts` (or as the `expiry` group of `npm run bench` once wired in scripts/bench.ts).
//
// Real time, real servers: a loop calling sweep() every 5 s exactly as lib/server/scheduler.ts does, and
// rounds of grants on `prod-postgres` whose rows end a few seconds ahead at random points of the sweep
// cycle (so the wait for the next sweep is sampled, not fixed); per grant, a fresh login and a query on
// a session opened during the grant, every 100 ms, from 1 s before its end. Rounds run one after the
// other, so a sweep ends one or two grants, as in a real day. Two kinds of grant are measured side by side:
//  - as provisioned, with the role's own VALID UNTIL (the second guard): PostgreSQL refuses at once;
//  - with VALID UNTIL lifted to infinity by hand after provisioning, so only the scheduler ends access
//    (what a target without a second guard, or a clock far off, would give).
// The target is a throw-away scram-auth PostgreSQL (VALID UNTIL is ignored under trust auth); Timebox's
// own database is a throw-away one on DATABASE_URL (default the local PostgreSQL).
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { loadActor } from '@/lib/auth/load-actor';
import { portalConnector } from '@/lib/connectors/portal/portal-connector';
import { createPostgresConnector } from '@/lib/connectors/postgres/postgres-connector';
import type { Connector } from '@/lib/connectors/types';
import type { ResourceKind } from '@/lib/db/generated/enums';
import { systemClock } from '@/lib/domain/clock';
import type { ActorContext } from '@/lib/domain/context';
import { seedDemo } from '@/lib/seed/seed-demo';
import type { ServiceDeps } from '@/lib/services/deps';
import { activateGrant } from '@/lib/services/lifecycle/activate-grant';
import { issueGrantCredentials } from '@/lib/services/grants/issue-credentials';
import { sweep } from '@/lib/services/sweep/sweep';
import { findPgBinDir, startPgInstance } from '@/lib/testing/pg-instance';
import { runCli } from '../scripts/cli';
import { type BenchContext, type Figure, median, round, sleep } from './measure';
import { createThrowawayDatabase } from './throwaway-db';

const SWEEP_EVERY_MS = 5_000; // the scheduler's default (TIMEBOX_SWEEP_INTERVAL_SECONDS)
const POLL_EVERY_MS = 100;
const ROUNDS = 6; // each ends one grant of each kind
const LEAD_MS = 3_000; // time to provision and open a session before the earliest end
const GIVE_UP_MS = 30_000;

interface Probe {
  grantId: string;
  guarded: boolean;
  expiresAt: number;
  url: string;
  session: pg.Client;
  loginRefusedAfter?: number;
  sessionDeadAfter?: number;
}

async function connect(url: string): Promise<pg.Client> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 3_000 });
  client.on('error', () => {});
  await client.connect();
  return client;
}

async function canLogin(url: string): Promise<boolean> {
  try {
    await (await connect(url)).end();
    return true;
  } catch {
    return false;
  }
}

/** Watches one grant from 1 s before its end until a new login is refused and its open session is dead. */
async function watch(p: Probe): Promise<void> {
  await sleep(Math.max(0, p.expiresAt - 1_000 - Date.now()));
  while (Date.now() < p.expiresAt + GIVE_UP_MS && (p.loginRefusedAfter === undefined || p.sessionDeadAfter === undefined)) {
    const at = Date.now();
    if (p.loginRefusedAfter === undefined && !(await canLogin(p.url))) p.loginRefusedAfter = at - p.expiresAt;
    if (p.sessionDeadAfter === undefined) {
      const alive = await p.session.query('SELECT 1').then(
        () => true,
        () => false,
      );
      if (!alive) p.sessionDeadAfter = at - p.expiresAt;
    }
    await sleep(Math.max(0, at + POLL_EVERY_MS - Date.now()));
  }
}

/** The internal scheduler's loop: one sweep at a time, every SWEEP_EVERY_MS, starting at a random phase. */
function startScheduler(deps: ServiceDeps, log: (message: string) => void) {
  const sweepMs: number[] = [];
  let inFlight: Promise<void> | null = null;
  let stopped = false;
  const tick = () => {
    if (inFlight || stopped) return;
    const began = performance.now();
    inFlight = sweep(deps)
      .then((summary) => {
        if (summary.grantsEnding + summary.grantsEnded > 0) sweepMs.push(performance.now() - began);
      })
      .catch((error: unknown) => log(`expiry: sweep failed: ${error instanceof Error ? error.message : String(error)}`))
      .finally(() => {
        inFlight = null;
      });
  };
  let timer: NodeJS.Timeout | undefined;
  const first = setTimeout(() => {
    tick();
    timer = setInterval(tick, SWEEP_EVERY_MS);
  }, Math.random() * SWEEP_EVERY_MS);
  return {
    sweepMs,
    /** Stops ticking and waits for a sweep in progress (the database must outlive it). */
    stop: async () => {
      stopped = true;
      clearTimeout(first);
      clearInterval(timer);
      await inFlight;
    },
  };
}

export async function runExpiryBench(ctx: BenchContext): Promise<void> {
  const binDir = findPgBinDir();
  if (!binDir) throw new Error('expiry: needs PostgreSQL server binaries (initdb, pg_ctl); set PG_BIN_DIR');
  const target = await startPgInstance(binDir);
  const database = await createThrowawayDatabase();
  const probes: Probe[] = [];
  try {
    const { db } = database;
    await seedDemo(db);
    const env = { TARGET_PG_URL: target.url };
    const deps: ServiceDeps = { db, clock: systemClock, connectors: new Map<ResourceKind, Connector>([['portal', portalConnector], ['postgres', createPostgresConnector({ env })]]) };
    const alice = await db.user.findUniqueOrThrow({ where: { email: 'alice@example.com' } });
    const actor = await loadActor(db, alice.id);
    if (!actor) throw new Error('alice cannot act');
    const aliceCtx: ActorContext = { actor, via: 'web' };
    const entitlement = await db.entitlement.findFirstOrThrow({ where: { role: 'read-only', resource: { slug: 'prod-postgres' } } });
    const admin = await connect(target.url);

    const scheduler = startScheduler(deps, ctx.log);
    ctx.log(`expiry: ${ROUNDS} rounds, sweeping every ${SWEEP_EVERY_MS} ms, polling every ${POLL_EVERY_MS} ms`);
    for (let round = 0; round < ROUNDS; round++) {
      const batch: Probe[] = [];
      for (const guarded of [true, false]) {
        // Rows written directly (the brief allows it): a grant of a few seconds cannot be requested, minutes are the unit.
        const now = new Date();
        const expiresAt = new Date(now.getTime() + LEAD_MS + Math.random() * SWEEP_EVERY_MS);
        const request = await db.accessRequest.create({
          data: { requesterId: alice.id, entitlementId: entitlement.id, durationMinutes: 1, justification: 'expiry bench', status: 'approved', decidedAt: now, expiresAt: now },
        });
        const grant = await db.grant.create({ data: { requestId: request.id, userId: alice.id, entitlementId: entitlement.id, status: 'scheduled', startsAt: now, expiresAt } });
        if ((await activateGrant(deps, grant.id, { system: 'scheduler' })) !== 'active') throw new Error('expiry: provisioning failed');
        const creds = await issueGrantCredentials(deps, aliceCtx, { grantId: grant.id });
        if (!guarded) await admin.query(`ALTER ROLE ${pg.escapeIdentifier(creds.username)} VALID UNTIL 'infinity'`);
        batch.push({ grantId: grant.id, guarded, expiresAt: expiresAt.getTime(), url: creds.url, session: await connect(creds.url) });
      }
      // Watching must start before the first end, or its first refusal would be seen late.
      if (Date.now() > Math.min(...batch.map((p) => p.expiresAt)) - 1_000) throw new Error('expiry: setup took longer than the lead time; raise LEAD_MS');
      probes.push(...batch);
      await Promise.all(batch.map(watch));
      // The sweep may still be finishing the removal; wait for it so rounds do not overlap.
      const ids = batch.map((p) => p.grantId);
      for (const giveUp = Date.now() + 2 * SWEEP_EVERY_MS; Date.now() < giveUp; await sleep(100)) {
        if ((await db.grant.count({ where: { id: { in: ids }, status: { in: ['active', 'revoking'] } } })) === 0) break;
      }
    }
    await scheduler.stop();
    await admin.end();

    const ended = await db.grant.findMany({ where: { id: { in: probes.map((p) => p.grantId) } }, select: { id: true, status: true, expiresAt: true, endedAt: true } });
    const endedAfter = ended.map((g) => (g.endedAt ? g.endedAt.getTime() - g.expiresAt.getTime() : NaN));
    const figure = (name: string, values: (number | undefined)[], detail: Record<string, unknown> = {}): Figure => {
      const known = values.filter((v): v is number => v !== undefined && Number.isFinite(v));
      return { name, value: known.length === values.length ? round(median(known), 0) : NaN, unit: 'ms', detail: { runs: values.length, min: round(Math.min(...known), 0), max: round(Math.max(...known), 0), all: values, ...detail } };
    };
    const guarded = probes.filter((p) => p.guarded);
    const unguarded = probes.filter((p) => !p.guarded);
    ctx.report(figure('expiry.login_refused_after_end.valid_until', guarded.map((p) => p.loginRefusedAfter), { pollMs: POLL_EVERY_MS }));
    ctx.report(figure('expiry.login_refused_after_end.scheduler_only', unguarded.map((p) => p.loginRefusedAfter), { pollMs: POLL_EVERY_MS, sweepEveryMs: SWEEP_EVERY_MS }));
    ctx.report(figure('expiry.open_session_killed_after_end', probes.map((p) => p.sessionDeadAfter), { sweepEveryMs: SWEEP_EVERY_MS }));
    ctx.report(figure('expiry.grant_ended_after_end', endedAfter, { statuses: ended.map((g) => g.status) }));
    ctx.report(figure('expiry.sweep_duration_when_ending', scheduler.sweepMs));
  } finally {
    await Promise.all(probes.map((p) => p.session.end().catch(() => {})));
    await database.drop();
    await target.destroy();
  }
}

if (process.argv[1] && fileURLToPath(import.meta.url) === path.resolve(process.argv[1])) {
  runCli('bench:expiry', () =>
    runExpiryBench({
      events: 0,
      repeats: 1,
      report: (figure) => console.log(JSON.stringify(figure)),
      log: (message) => console.error(message),
    }),
  );
}
