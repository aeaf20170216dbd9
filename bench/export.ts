import { seedAuditVolume } from '@/lib/audit/seed-volume';
import { loadActor } from '@/lib/auth/load-actor';
import { defaultConnectors } from '@/lib/connectors/registry';
import { systemClock } from '@/lib/domain/clock';
import { seedDemo } from '@/lib/seed/seed-demo';
import type { ServiceDeps } from '@/lib/services/deps';
import { overrideServiceDeps } from '@/lib/services/runtime';
import { createApiToken } from '@/lib/services/tokens/create-api-token';
import { benchExport } from './audit-export';
import { round, type BenchContext } from './measure';
import { createThrowawayDatabase } from './throwaway-db';

/** The issue's own size (224k events), then `--events` (default 1M): the same trail, grown between the two. */
const SIZES = [224_000];

/**
 * The `export` group, on PostgreSQL: the audit group's export part alone, at two trail sizes: CSV export
 * vs `\copy`, NDJSON, and the exporting process's RSS growth.
 */
export async function runExportBench(ctx: BenchContext): Promise<void> {
  const database = await createThrowawayDatabase();
  ctx.log(`export: throw-away database ${database.name}`);
  try {
    const { db } = database;
    await seedDemo(db);
    const deps: ServiceDeps = { db, clock: systemClock, connectors: defaultConnectors() };
    overrideServiceDeps(deps); // the route handler runs in-process against this database
    const dave = await db.user.findUniqueOrThrow({ where: { email: 'dave@example.com' } });
    const auditor = { actor: (await loadActor(db, dave.id))!, via: 'web' as const };
    const { secret } = await createApiToken(deps, auditor, { name: 'bench export', scopes: ['audit'] });

    const sizes = [...new Set([...SIZES.filter((n) => n < ctx.events), ctx.events])];
    for (const size of sizes) {
      const missing = size - (await db.auditEvent.count());
      ctx.log(`export: seeding ${missing.toLocaleString('en')} events to reach ${size.toLocaleString('en')}…`);
      const seeded = await seedAuditVolume(db, { events: missing, onBatch: (n) => n % 200_000 === 0 && ctx.log(`export: seeded ${n.toLocaleString('en')}`) });
      await db.$executeRawUnsafe('VACUUM ANALYZE "AuditEvent"');
      const label = size >= 1_000_000 ? `${size / 1_000_000}m` : `${Math.round(size / 1000)}k`;
      ctx.report({ name: `export.${label}.seed.rows_per_s`, value: seeded.rowsPerSecond, unit: 'rows/s', detail: { rows: seeded.inserted, seconds: round(seeded.seconds, 1) } });
      ctx.log(`export: ${label}…`);
      await benchExport(ctx, secret, () => db.auditEvent.count(), database.url, `export.${label}`);
    }
  } finally {
    overrideServiceDeps(null);
    await database.drop();
  }
}
