// The `expiry` group: many grants ending at the same moment, Timebox's sweep against the same work done
// by PostgreSQL alone in the same run.
//  - 1,000 portal grants ending in the same second: time from their end until the last reads `expired`,
//    (and how long the sweeps that ended them ran),
//    sweeping back to back from the end on (so the figure is the sweep's work, not the wait for a tick);
//    the baseline is the same bookkeeping (both moves, both audit rows per grant) as two set-based statements.
//  - 100 grants on a PostgreSQL target ending at once: time until the last login role is gone from the
//    target; the baseline is the same statements dropLoginRole runs, for 100 roles, on one reused connection.
// The target is a throw-away PostgreSQL (lib/testing/pg-instance); Timebox's own database a throw-away one.
import crypto from 'node:crypto';
import pg from 'pg';
import { portalConnector } from '@/lib/connectors/portal/portal-connector';
import { createPostgresConnector } from '@/lib/connectors/postgres/postgres-connector';
import type { Connector } from '@/lib/connectors/types';
import type { Db } from '@/lib/db/client';
import type { ResourceKind } from '@/lib/db/generated/enums';
import { systemClock } from '@/lib/domain/clock';
import { seedDemo } from '@/lib/seed/seed-demo';
import type { ServiceDeps } from '@/lib/services/deps';
import { activateGrant } from '@/lib/services/lifecycle/activate-grant';
import { sweep } from '@/lib/services/sweep/sweep';
import { findPgBinDir, startPgInstance } from '@/lib/testing/pg-instance';
import { type BenchContext, median, round, sleep } from './measure';
import { createThrowawayDatabase } from './throwaway-db';

const PORTAL_GRANTS = 1_000;
const TARGET_GRANTS = 100;
const GIVE_UP_MS = 120_000;

/** `count` active grants of `entitlementId` (one request each), spread over the seeded users, ending at `expiresAt`. */
async function activeGrants(db: Db, entitlementId: string, count: number, expiresAt: Date, status: 'active' | 'scheduled' = 'active'): Promise<string[]> {
  const users = await db.user.findMany({ where: { source: 'seed' }, select: { id: true } });
  const now = new Date();
  const requests = Array.from({ length: count }, (_, i) => ({
    id: crypto.randomUUID(),
    requesterId: users[i % users.length]!.id,
    entitlementId,
    durationMinutes: 5,
    justification: `expiry bench ${i}`,
    status: 'approved' as const,
    decidedAt: now,
    expiresAt: now,
  }));
  await db.accessRequest.createMany({ data: requests });
  const grants = requests.map((r) => ({ id: crypto.randomUUID(), requestId: r.id, userId: r.requesterId, entitlementId, status, startsAt: now, activatedAt: status === 'active' ? now : null, expiresAt }));
  await db.grant.createMany({ data: grants });
  return grants.map((g) => g.id);
}

/** Sweeps back to back until `done()` holds; the sweeps' durations. */
async function sweepUntil(deps: ServiceDeps, done: () => Promise<boolean>): Promise<number[]> {
  const durations: number[] = [];
  const giveUp = Date.now() + GIVE_UP_MS;
  while (!(await done())) {
    if (Date.now() > giveUp) throw new Error('expiry: grants still not ended after the give-up time');
    const began = performance.now();
    await sweep(deps);
    durations.push(round(performance.now() - began, 0));
  }
  return durations;
}

/** Timebox: 1,000 grants ending in the same second, ms from their end until the last is `expired`. */
async function portalExpiry(deps: ServiceDeps, entitlementId: string): Promise<{ ms: number; sweeps: number[] }> {
  const ids = await activeGrants(deps.db, entitlementId, PORTAL_GRANTS, new Date(Date.now() + 600_000));
  // The end is set once the rows exist, so a slow setup never makes the sweep start late.
  const endsAt = new Date(Date.now() + 1_000);
  await deps.db.grant.updateMany({ where: { id: { in: ids } }, data: { expiresAt: endsAt } });
  await sleep(endsAt.getTime() - Date.now());
  const sweeps = await sweepUntil(deps, async () => (await deps.db.grant.count({ where: { id: { in: ids }, status: { not: 'expired' } } })) === 0);
  const last = await deps.db.grant.aggregate({ where: { id: { in: ids } }, _max: { endedAt: true } });
  return { ms: last._max.endedAt!.getTime() - endsAt.getTime(), sweeps };
}

/** PostgreSQL alone: the same two moves and two audit rows per grant, as two set-based statements in one transaction. */
async function portalBaseline(db: Db, entitlementId: string, resourceId: string): Promise<number> {
  const ids = await activeGrants(db, entitlementId, PORTAL_GRANTS, new Date());
  const started = performance.now();
  await db.$transaction([
    db.$executeRaw`WITH moved AS (
        UPDATE "Grant" SET status = 'revoking', "endReason" = 'expired', "nextAttemptAt" = now(), "updatedAt" = now()
         WHERE id = ANY(${ids}::uuid[]) AND status = 'active' RETURNING id, "requestId", "entitlementId", "expiresAt")
      INSERT INTO "AuditEvent" (id, "actorLabel", action, "resourceId", "entitlementId", "requestId", "grantId", "statusFrom", "statusTo", data)
      SELECT gen_random_uuid(), 'system:scheduler', 'grant.ending', ${resourceId}::uuid, "entitlementId", "requestId", id, 'active', 'revoking',
             jsonb_build_object('reason', 'expired', 'expiresAt', "expiresAt") FROM moved`,
    db.$executeRaw`WITH moved AS (
        UPDATE "Grant" SET status = 'expired', "endedAt" = now(), "nextAttemptAt" = NULL, "lastError" = NULL, "updatedAt" = now()
         WHERE id = ANY(${ids}::uuid[]) AND status = 'revoking' RETURNING id, "requestId", "entitlementId", "revokeAttempts")
      INSERT INTO "AuditEvent" (id, "actorLabel", action, "resourceId", "entitlementId", "requestId", "grantId", "statusFrom", "statusTo", data)
      SELECT gen_random_uuid(), 'system:scheduler', 'grant.expired', ${resourceId}::uuid, "entitlementId", "requestId", id, 'revoking', 'expired',
             jsonb_build_object('attempts', "revokeAttempts" + 1) FROM moved`,
  ]);
  return performance.now() - started;
}

/** Timebox: 100 provisioned roles whose grants end at once, ms from the end until the last role is gone. */
async function targetExpiry(deps: ServiceDeps, entitlementId: string, admin: pg.Client): Promise<{ ms: number; sweeps: number[] }> {
  const ids = await activeGrants(deps.db, entitlementId, TARGET_GRANTS, new Date(Date.now() + 600_000), 'scheduled');
  for (let i = 0; i < ids.length; i += 4) {
    const outcomes = await Promise.all(ids.slice(i, i + 4).map((id) => activateGrant(deps, id, { system: 'scheduler' })));
    if (outcomes.some((o) => o !== 'active')) throw new Error(`expiry: provisioning failed (${outcomes.join(', ')})`);
  }
  const roles = async () => Number((await admin.query<{ n: string }>(`SELECT count(*) AS n FROM pg_roles WHERE rolname LIKE 'tbx\\_%'`)).rows[0]!.n);
  if ((await roles()) < TARGET_GRANTS) throw new Error('expiry: the target lacks the provisioned roles');
  const endsAt = new Date(Date.now() + 1_000);
  await deps.db.grant.updateMany({ where: { id: { in: ids } }, data: { expiresAt: endsAt } });
  await sleep(endsAt.getTime() - Date.now());
  let goneAt: number | undefined;
  const watcher = (async () => {
    for (const giveUp = Date.now() + GIVE_UP_MS; Date.now() < giveUp; await sleep(20)) {
      if ((await roles()) === 0) return (goneAt = Date.now());
    }
  })();
  const sweeps = await sweepUntil(deps, async () => (await deps.db.grant.count({ where: { id: { in: ids }, status: { not: 'expired' } } })) === 0);
  await watcher;
  if (goneAt === undefined) throw new Error('expiry: roles still on the target after the give-up time');
  return { ms: goneAt - endsAt.getTime(), sweeps };
}

/** PostgreSQL alone: dropLoginRole's statements for 100 member roles, on one reused connection. */
async function targetBaseline(admin: pg.Client): Promise<number> {
  const names = Array.from({ length: TARGET_GRANTS }, (_, i) => `bench_drop_${i}`);
  for (const name of names) await admin.query(`CREATE ROLE ${name} LOGIN IN ROLE pg_read_all_data`);
  const started = performance.now();
  for (const name of names) {
    const { rows } = await admin.query<{ oid: number }>('SELECT oid FROM pg_roles WHERE rolname = $1', [name]);
    await admin.query(`ALTER ROLE ${name} WITH NOLOGIN PASSWORD NULL`);
    await admin.query(`SELECT b.rolname FROM pg_auth_members m JOIN pg_roles b ON b.oid = m.roleid WHERE m.member = $1`, [rows[0]!.oid]);
    await admin.query(`REVOKE pg_read_all_data FROM ${name}`);
    await admin.query('SELECT pid, pg_terminate_backend(pid) FROM pg_stat_activity WHERE usesysid = $1 AND pid <> pg_backend_pid()', [rows[0]!.oid]);
    await admin.query(`SELECT DISTINCT d.datname FROM pg_shdepend s LEFT JOIN pg_database d ON d.oid = s.dbid WHERE s.refclassid = 'pg_authid'::regclass AND s.refobjid = $1`, [rows[0]!.oid]);
    await admin.query(`DROP ROLE IF EXISTS ${name}`);
  }
  return performance.now() - started;
}

export async function runExpiryBulkBench(ctx: BenchContext): Promise<void> {
  const binDir = findPgBinDir();
  if (!binDir) throw new Error('expiry: needs PostgreSQL server binaries (initdb, pg_ctl); set PG_BIN_DIR');
  const database = await createThrowawayDatabase();
  const target = await startPgInstance(binDir);
  const admin = new pg.Client({ connectionString: target.url });
  try {
    await admin.connect();
    const { db } = database;
    await seedDemo(db);
    const connectors = new Map<ResourceKind, Connector>([['portal', portalConnector], ['postgres', createPostgresConnector({ env: { TARGET_PG_URL: target.url }, ownDatabaseUrl: database.url })]]);
    const deps: ServiceDeps = { db, clock: systemClock, connectors };
    const portal = await db.entitlement.findFirstOrThrow({ where: { role: 'editor', resource: { slug: 'feature-flags' } } });
    const onTarget = await db.entitlement.findFirstOrThrow({ where: { role: 'read-only', resource: { slug: 'prod-postgres' } } });

    const portalRuns: { ms: number; sweeps: number[] }[] = [];
    const portalBase: number[] = [];
    const targetRuns: { ms: number; sweeps: number[] }[] = [];
    const targetBase: number[] = [];
    for (let run = 0; run < ctx.repeats; run++) {
      portalRuns.push(await portalExpiry(deps, portal.id));
      portalBase.push(await portalBaseline(db, portal.id, portal.resourceId));
      ctx.log(`expiry: run ${run + 1}: ${PORTAL_GRANTS} grants expired ${portalRuns.at(-1)!.ms} ms after their end (sweeps ${portalRuns.at(-1)!.sweeps.join(', ')} ms); set-based ${round(portalBase.at(-1)!, 0)} ms`);
      targetRuns.push(await targetExpiry(deps, onTarget.id, admin));
      targetBase.push(await targetBaseline(admin));
      ctx.log(`expiry: run ${run + 1}: ${TARGET_GRANTS} roles gone ${targetRuns.at(-1)!.ms} ms after their end (sweeps ${targetRuns.at(-1)!.sweeps.join(', ')} ms); reused connection ${round(targetBase.at(-1)!, 0)} ms`);
    }
    const pair = (name: string, timebox: number[], alone: number[], goalMs: number, detail: Record<string, unknown>) => {
      const value = round(median(timebox), 0);
      ctx.report({ name: `${name}.timebox`, value, unit: 'ms', goal: `≤ ${goalMs} ms`, met: value <= goalMs, detail: { runs: timebox, ...detail } });
      ctx.report({ name: `${name}.postgres_alone`, value: round(median(alone), 0), unit: 'ms', detail: { runs: alone.map((v) => round(v, 0)) } });
      ctx.report({ name: `${name}.ratio`, value: round(median(alone) / median(timebox), 3), unit: 'x', detail: { meaning: 'PostgreSQL-alone time / Timebox time (1 = as fast as the database allows)' } });
    };
    pair('expiry.1000_grants_last_expired_after_end', portalRuns.map((r) => r.ms), portalBase, 5_000, { sweepsMs: portalRuns.map((r) => r.sweeps) });
    const sweepTotals = portalRuns.map((r) => r.sweeps.reduce((a, b) => a + b, 0));
    ctx.report({ name: 'expiry.1000_grants_sweep_time', value: round(median(sweepTotals), 0), unit: 'ms', detail: { runs: sweepTotals, ratioToSetBased: round(median(portalBase) / median(sweepTotals), 3) } });
    pair('expiry.100_target_roles_last_gone_after_end', targetRuns.map((r) => r.ms), targetBase, 10_000, { sweepsMs: targetRuns.map((r) => r.sweeps) });
  } finally {
    await admin.end().catch(() => {});
    await database.drop();
    await target.destroy();
  }
}
