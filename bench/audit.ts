import { verifyChain } from '@/lib/audit/verify';
import { benchExport } from './audit-export';
import { benchListing } from './audit-listing';
import { benchAppend, benchRequestCreation } from './audit-throughput';
import { seedTrail, withAuditBench } from './audit-trail';
import { round, type BenchContext } from './measure';

/**
 * The `audit` group, on PostgreSQL: seeds `--events` chained events into a throw-away database,
 * then measures listing latency (first vs deep pages), export throughput and memory through the real
 * route handler, verify speed, and what chaining costs appends and request creation.
 */
export async function runAuditBench(ctx: BenchContext): Promise<void> {
  await withAuditBench(ctx, 'audit', async ({ db, url, deps, token }) => {
    await seedTrail(ctx, db, ctx.events, 'audit');

    const busiest = (await db.$queryRawUnsafe<{ id: string; slug: string }[]>(
      `SELECT r.id::text AS id, r.slug FROM "AuditEvent" e JOIN "Resource" r ON r.id = e."resourceId" GROUP BY r.id, r.slug ORDER BY count(*) DESC LIMIT 1`,
    ))[0]!;
    ctx.log('audit: listing latency…');
    await benchListing(db, ctx, busiest);

    ctx.log('audit: export…');
    await benchExport(ctx, token, () => db.auditEvent.count(), url);

    ctx.log('audit: verify…');
    const start = performance.now();
    const verified = await verifyChain(db);
    const seconds = (performance.now() - start) / 1000;
    if (!verified.ok) throw new Error(`the seeded chain does not verify: ${JSON.stringify(verified)}`);
    ctx.report({ name: 'audit.verify.rows_per_s', value: Math.round(verified.checked / seconds), unit: 'rows/s', detail: { checked: verified.checked, seconds: round(seconds, 1) } });

    ctx.log('audit: append and request throughput, sealer off vs on…');
    await benchAppend(db, ctx);
    await benchRequestCreation(deps, ctx);
  });
}
