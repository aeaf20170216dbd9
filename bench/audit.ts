import { seedAuditVolume } from '@/lib/audit/seed-volume';
import { verifyChain } from '@/lib/audit/verify';
import { defaultConnectors } from '@/lib/connectors/registry';
import { loadActor } from '@/lib/auth/load-actor';
import { systemClock } from '@/lib/domain/clock';
import { seedDemo } from '@/lib/seed/seed-demo';
import type { ServiceDeps } from '@/lib/services/deps';
import { overrideServiceDeps } from '@/lib/services/runtime';
import { createApiToken } from '@/lib/services/tokens/create-api-token';
import { benchExport } from './audit-export';
import { benchListing } from './audit-listing';
import { benchAppend, benchRequestCreation } from './audit-throughput';
import { round, type BenchContext } from './measure';
import { createThrowawayDatabase } from './throwaway-db';

/**
 * The `audit` group, on PostgreSQL: seeds `--events` chained events into a throw-away database,
 * then measures listing latency (first vs deep pages), export throughput and memory through the real
 * route handler, verify speed, and what chaining costs appends and request creation.
 */
export async function runAuditBench(ctx: BenchContext): Promise<void> {
  const database = await createThrowawayDatabase();
  ctx.log(`audit: throw-away database ${database.name}`);
  try {
    const { db } = database;
    await seedDemo(db);
    const deps: ServiceDeps = { db, clock: systemClock, connectors: defaultConnectors() };
    overrideServiceDeps(deps); // the route handlers run in-process against this database

    ctx.log(`audit: seeding ${ctx.events.toLocaleString('en')} events…`);
    const seeded = await seedAuditVolume(db, {
      events: ctx.events,
      onBatch: (n) => n % 100_000 === 0 && ctx.log(`audit: seeded ${n.toLocaleString('en')}`),
    });
    ctx.report({ name: 'audit.seed.rows_per_s', value: seeded.rowsPerSecond, unit: 'rows/s', detail: { rows: seeded.inserted, seconds: round(seeded.seconds, 1) } });
    await db.$executeRawUnsafe('VACUUM ANALYZE "AuditEvent"');

    const busiest = (await db.$queryRawUnsafe<{ id: string; slug: string }[]>(
      `SELECT r.id::text AS id, r.slug FROM "AuditEvent" e JOIN "Resource" r ON r.id = e."resourceId" GROUP BY r.id, r.slug ORDER BY count(*) DESC LIMIT 1`,
    ))[0]!;
    ctx.log('audit: listing latency…');
    await benchListing(db, ctx, busiest);

    ctx.log('audit: export…');
    const dave = await db.user.findUniqueOrThrow({ where: { email: 'dave@example.com' } });
    const auditor = { actor: (await loadActor(db, dave.id))!, via: 'web' as const };
    const { secret } = await createApiToken(deps, auditor, { name: 'bench export', scopes: ['audit'] });
    await benchExport(ctx, secret, () => db.auditEvent.count(), database.url);

    ctx.log('audit: verify…');
    const start = performance.now();
    const verified = await verifyChain(db);
    const seconds = (performance.now() - start) / 1000;
    if (!verified.ok) throw new Error(`the seeded chain does not verify: ${JSON.stringify(verified)}`);
    ctx.report({ name: 'audit.verify.rows_per_s', value: Math.round(verified.checked / seconds), unit: 'rows/s', detail: { checked: verified.checked, seconds: round(seconds, 1) } });

    ctx.log('audit: append and request throughput, sealer off vs on…');
    await benchAppend(db, ctx);
    await benchRequestCreation(deps, ctx);
  } finally {
    overrideServiceDeps(null);
    await database.drop();
  }
}
