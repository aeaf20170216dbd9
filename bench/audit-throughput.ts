import { appendAudit, appendAuditMany } from '@/lib/audit/append';
import { rawAuditEvent } from '@/lib/testing/raw-audit-event';
import { sealPendingEvents } from '@/lib/audit/seal';
import { loadActor } from '@/lib/auth/load-actor';
import type { Db } from '@/lib/db/client';
import type { ActorContext } from '@/lib/domain/context';
import { requestAccessInput } from '@/lib/domain/request-input';
import type { ServiceDeps } from '@/lib/services/deps';
import { requestAccess } from '@/lib/services/requests/request-access';
import { round, sleep, type BenchContext } from './measure';

// What chaining costs the write path. Appends and request creation run with C concurrent workers,
// once with no sealer and once with a sealer sealing continuously beside them (pausing 250 ms between
// passes — busier than the internal scheduler's 5 s tick, so the figure is pessimistic).

const WORKERS = 8;
const SEAL_PAUSE_MS = 250;

/** Runs a sealer until stopped; returns how many events it sealed. */
function runSealer(db: Db) {
  let running = true;
  let sealed = 0;
  const loop = (async () => {
    while (running) {
      sealed += (await sealPendingEvents(db, { wait: false })).sealed;
      await sleep(SEAL_PAUSE_MS);
    }
  })();
  return {
    async stop() {
      running = false;
      await loop;
      sealed += (await sealPendingEvents(db)).sealed;
      return sealed;
    },
  };
}

/** `total` jobs over WORKERS workers; jobs per second. */
async function throughput(total: number, job: (i: number) => Promise<unknown>): Promise<number> {
  let next = 0;
  const start = performance.now();
  await Promise.all(
    Array.from({ length: WORKERS }, async () => {
      for (let i = next++; i < total; i = next++) await job(i);
    }),
  );
  return total / ((performance.now() - start) / 1000);
}

async function withAndWithoutSealer(db: Db, rounds: number, measure: (round: number) => Promise<number>) {
  const off: number[] = [];
  const on: number[] = [];
  let sealed = 0;
  // Interleaved (off, on, off, on…) so drift in the machine's load hits both alike.
  for (let r = 0; r < rounds; r++) {
    await sealPendingEvents(db);
    off.push(await measure(2 * r));
    const sealer = runSealer(db);
    on.push(await measure(2 * r + 1));
    sealed += await sealer.stop();
  }
  const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
  return { off: mean(off), on: mean(on), sealed };
}

export async function benchAppend(db: Db, ctx: BenchContext) {
  const perRound = 4000;
  const { off, on, sealed } = await withAndWithoutSealer(db, 2, () =>
    throughput(perRound, () => db.$transaction((tx) => appendAudit(tx, { actorLabel: 'system:bench', action: 'request.created', data: { justification: 'throughput run' } }))),
  );
  const overhead = ((off - on) / off) * 100;
  ctx.report({ name: 'audit.append.sealer_off', value: Math.round(off), unit: 'events/s', detail: { workers: WORKERS } });
  ctx.report({ name: 'audit.append.sealer_on', value: Math.round(on), unit: 'events/s', detail: { workers: WORKERS, sealedDuringRun: sealed } });
  ctx.report({ name: 'audit.append.chaining_overhead', value: round(overhead, 1), unit: '%' });

  // The sealer alone on a backlog: how fast the chain catches up.
  await db.$transaction((tx) => appendAuditMany(tx, Array.from({ length: 20_000 }, () => rawAuditEvent({ actorLabel: 'system:bench', action: 'bench.backlog' }))), { timeout: 120_000 });
  const start = performance.now();
  const { sealed: backlog } = await sealPendingEvents(db);
  ctx.report({ name: 'audit.seal.backlog_rows_per_s', value: Math.round(backlog / ((performance.now() - start) / 1000)), unit: 'rows/s', detail: { rows: backlog } });
}

/**
 * Auto-approved requests (the heaviest common write: request, approval, grant, activation — four audit
 * events), by bench users on a portal resource with many roles, so no two requests collide.
 */
export async function benchRequestCreation(deps: ServiceDeps, ctx: BenchContext) {
  const { db } = deps;
  const users = 16;
  const roles = 120;
  const group = await db.group.upsert({ where: { name: 'engineering' }, update: {}, create: { name: 'engineering' } });
  const resource = await db.resource.create({ data: { slug: 'bench-flags', name: 'Bench flags', kind: 'portal' } });
  for (let r = 0; r < roles; r++) {
    await db.entitlement.create({
      data: {
        resourceId: resource.id,
        role: `role-${r}`,
        policy: { create: { eligibleGroups: ['engineering'], approverGroups: ['sre-leads'], maxDurationMinutes: 60, justificationRequired: false, autoApproveGroups: ['engineering'], autoApproveMaxMinutes: 60 } },
      },
    });
  }
  const actors: ActorContext[] = [];
  for (let u = 0; u < users; u++) {
    const user = await db.user.create({ data: { email: `bench-${u}@example.com`, name: `Bench ${u}`, source: 'seed', memberships: { create: { groupId: group.id } } } });
    actors.push({ actor: (await loadActor(db, user.id))!, via: 'web' as const });
  }
  const perRound = 300;
  const rounds = 3;
  if (perRound * rounds * 2 + 60 > users * roles) throw new Error('not enough user × role pairs for the request benchmark');
  let pair = 0;
  const submit = async () => {
    const i = pair++;
    const ctx = actors[i % users]!;
    const input = requestAccessInput.parse({ resource: 'bench-flags', role: `role-${Math.floor(i / users)}`, durationMinutes: 30 });
    await requestAccess(deps, ctx, input);
  };
  await throughput(60, submit); // warm-up
  const { off, on, sealed } = await withAndWithoutSealer(db, rounds, () => throughput(perRound, submit));
  const overhead = ((off - on) / off) * 100;
  ctx.report({ name: 'audit.requests.sealer_off', value: round(off, 1), unit: 'requests/s', detail: { workers: WORKERS, eventsPerRequest: 4 } });
  ctx.report({ name: 'audit.requests.sealer_on', value: round(on, 1), unit: 'requests/s', detail: { workers: WORKERS, sealedDuringRun: sealed } });
  ctx.report({ name: 'audit.requests.chaining_overhead', value: round(overhead, 1), unit: '%', goal: '< 20', met: overhead < 20 });
}
