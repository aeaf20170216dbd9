import { seedAuditVolume } from '@/lib/audit/seed-volume';
import { loadActor } from '@/lib/auth/load-actor';
import { defaultConnectors } from '@/lib/connectors/registry';
import type { Db } from '@/lib/db/client';
import { systemClock } from '@/lib/domain/clock';
import { seedDemo } from '@/lib/seed/seed-demo';
import type { ServiceDeps } from '@/lib/services/deps';
import { overrideServiceDeps } from '@/lib/services/runtime';
import { createApiToken } from '@/lib/services/tokens/create-api-token';
import { round, type BenchContext } from './measure';
import { createThrowawayDatabase } from './throwaway-db';

// What the `audit` and `export` groups measure against: a throw-away PostgreSQL database holding the
// demo organisation and a seeded audit trail, with the route handlers running in-process on it.

export interface AuditBench {
  db: Db;
  /** The throw-away database's URL (for psql's `\copy` and a freshly started exporting process). */
  url: string;
  deps: ServiceDeps;
  /** An `audit`-scoped API token's secret, dave's (the demo auditor): what the export route is called with. */
  token: string;
}

/** Runs `measure` against a fresh AuditBench; the database is dropped afterwards, even when it fails. */
export async function withAuditBench(ctx: BenchContext, group: string, measure: (bench: AuditBench) => Promise<void>): Promise<void> {
  const database = await createThrowawayDatabase();
  ctx.log(`${group}: throw-away database ${database.name}`);
  try {
    const { db } = database;
    await seedDemo(db);
    const deps: ServiceDeps = { db, clock: systemClock, connectors: defaultConnectors() };
    overrideServiceDeps(deps); // the route handlers run in-process against this database
    const dave = await db.user.findUniqueOrThrow({ where: { email: 'dave@example.com' } });
    const auditor = { actor: (await loadActor(db, dave.id))!, via: 'web' as const };
    const { secret } = await createApiToken(deps, auditor, { name: 'bench export', scopes: ['audit'] });
    await measure({ db, url: database.url, deps, token: secret });
  } finally {
    overrideServiceDeps(null);
    await database.drop();
  }
}

/**
 * Seeds `events` more chained events, refreshes the planner's statistics, and reports the seeding rate as
 * `<figure>.seed.rows_per_s`, so every group reads a trail loaded the same way.
 */
export async function seedTrail(ctx: BenchContext, db: Db, events: number, figure: string): Promise<void> {
  ctx.log(`${figure}: seeding ${events.toLocaleString('en')} events…`);
  const seeded = await seedAuditVolume(db, { events, onBatch: (n) => n % 100_000 === 0 && ctx.log(`${figure}: seeded ${n.toLocaleString('en')}`) });
  await db.$executeRawUnsafe('VACUUM ANALYZE "AuditEvent"');
  ctx.report({ name: `${figure}.seed.rows_per_s`, value: seeded.rowsPerSecond, unit: 'rows/s', detail: { rows: seeded.inserted, seconds: round(seeded.seconds, 1) } });
}
