import { benchExport } from './audit-export';
import { seedTrail, withAuditBench } from './audit-trail';
import type { BenchContext } from './measure';

/** The issue's own size (224k events), then `--events` (default 1M): the same trail, grown between the two. */
const SIZES = [224_000];

/**
 * The `export` group, on PostgreSQL: the audit group's export part alone, at two trail sizes: CSV export
 * vs `\copy`, NDJSON, and the exporting process's RSS growth.
 */
export async function runExportBench(ctx: BenchContext): Promise<void> {
  await withAuditBench(ctx, 'export', async ({ db, url, token }) => {
    const sizes = [...new Set([...SIZES.filter((n) => n < ctx.events), ctx.events])];
    for (const size of sizes) {
      const label = size >= 1_000_000 ? `${size / 1_000_000}m` : `${Math.round(size / 1000)}k`;
      await seedTrail(ctx, db, size - (await db.auditEvent.count()), `export.${label}`);
      ctx.log(`export: ${label}…`);
      await benchExport(ctx, token, () => db.auditEvent.count(), url, `export.${label}`);
    }
  });
}
