import { encodeCursor, queryAudit } from '@/lib/audit/query';
import { resolveFilters, type AuditFilters } from '@/lib/audit/filters';
import { Prisma } from '@/lib/db/generated/client';
import type { Db } from '@/lib/db/client';
import { median, round, timeRuns, type BenchContext } from './measure';

// Listing latency, first page against the page 10,000 pages in. The deep page's cursor is computed
// directly (the seq of the event just above it, found once with OFFSET — in the benchmark only;
// the app never uses OFFSET), and only the fetch of that page is timed.

export const PAGE_SIZE = 50;
export const DEEP_PAGE = 10_000;
const RUNS = 25;

/** The seq just above page `page` (1-based) of a newest-first listing, or of its last page if shorter. */
async function cursorForPage(db: Db, whereSql: string, params: unknown[], page: number): Promise<{ cursor: string; page: number }> {
  const count = Number((await db.$queryRawUnsafe<{ n: bigint }[]>(`SELECT count(*) AS n FROM "AuditEvent" WHERE ${whereSql}`, ...params))[0]!.n);
  const reachable = Math.max(1, Math.min(page, Math.ceil(count / PAGE_SIZE)));
  const offset = (reachable - 1) * PAGE_SIZE - 1; // the last event of the page before
  if (offset < 0) return { cursor: '', page: 1 };
  const row = (await db.$queryRawUnsafe<{ seq: bigint }[]>(`SELECT seq FROM "AuditEvent" WHERE ${whereSql} ORDER BY seq DESC OFFSET ${offset} LIMIT 1`, ...params))[0]!;
  return { cursor: encodeCursor('older', BigInt(row.seq)), page: reachable };
}

async function explain(db: Db, sql: string, params: unknown[]): Promise<string> {
  const rows = await db.$queryRawUnsafe<{ 'QUERY PLAN': string }[]>(`EXPLAIN ${sql}`, ...params);
  return rows.map((r) => r['QUERY PLAN']).join(' | ');
}

interface Listing {
  name: string;
  filters: AuditFilters;
  whereSql: string;
  params: unknown[];
}

export async function benchListing(db: Db, ctx: BenchContext, busiest: { id: string; slug: string }) {
  const listings: Listing[] = [
    { name: 'unfiltered', filters: {}, whereSql: 'true', params: [] },
    { name: `resource=${busiest.slug}`, filters: { resource: busiest.slug }, whereSql: `"resourceId" = $1::uuid`, params: [busiest.id] },
  ];
  for (const listing of listings) {
    const deep = await cursorForPage(db, listing.whereSql, listing.params, DEEP_PAGE);
    const first = median(await timeRuns(RUNS, () => queryAudit(db, listing.filters, { limit: PAGE_SIZE })));
    const deepMs = median(await timeRuns(RUNS, () => queryAudit(db, listing.filters, { limit: PAGE_SIZE, cursor: deep.cursor })));
    const probe = await queryAudit(db, listing.filters, { limit: PAGE_SIZE, cursor: deep.cursor });
    const seqBound = probe.items[0] ? BigInt(probe.items[0].seq) + 1n : 0n;
    const plan = await explain(db, `SELECT id FROM "AuditEvent" WHERE ${listing.whereSql} AND seq < ${seqBound} ORDER BY seq DESC LIMIT ${PAGE_SIZE + 1}`, listing.params);
    ctx.report({ name: `audit.list.${listing.name}.first_page_p50`, value: round(first), unit: 'ms', detail: { runs: RUNS, pageSize: PAGE_SIZE } });
    ctx.report({ name: `audit.list.${listing.name}.deep_page_p50`, value: round(deepMs), unit: 'ms', detail: { runs: RUNS, page: deep.page, items: probe.items.length, plan } });
    const ratio = deepMs / first;
    ctx.report({ name: `audit.list.${listing.name}.deep_vs_first`, value: round(ratio), unit: 'x', goal: '<= 1.5', met: ratio <= 1.5 });
  }

  // Other filters an auditor uses, first page only (no goal: for the record), each with its plan.
  const sample = (await db.$queryRawUnsafe<{ grantId: string; actor: string }[]>(
    `SELECT "grantId"::text AS "grantId", (SELECT email FROM "User" ORDER BY email LIMIT 1) AS actor FROM "AuditEvent" WHERE "grantId" IS NOT NULL ORDER BY seq LIMIT 1 OFFSET 1000`,
  ))[0];
  const others: Array<[string, AuditFilters]> = [
    ...(sample ? ([[`grantId`, { grantId: sample.grantId }], [`actor=${sample.actor}`, { actor: sample.actor }]] as Array<[string, AuditFilters]>) : []),
    ['action=grant.revoked', { action: 'grant.revoked' }],
    ['action=grant.', { action: 'grant.' }],
    ['actor=system:scheduler', { actor: 'system:scheduler' }],
    ['last-tuesday', { from: new Date(Date.now() - 7 * 86_400_000), to: new Date(Date.now() - 6 * 86_400_000) }],
    ['q=replication (text)', { q: 'replication' }],
    ['q=OPS-4242 (rare text)', { q: 'OPS-4242' }],
  ];
  for (const [name, filters] of others) {
    const ms = median(await timeRuns(9, () => queryAudit(db, filters, { limit: PAGE_SIZE }), 1));
    const where = await resolveFilters(db, filters);
    const query = Prisma.sql`SELECT id FROM "AuditEvent" WHERE ${where ?? Prisma.sql`FALSE`} ORDER BY "seq" DESC LIMIT ${PAGE_SIZE + 1}`;
    const plan = await explain(db, query.text, query.values);
    ctx.report({ name: `audit.list.${name}.first_page_p50`, value: round(ms), unit: 'ms', detail: { runs: 9, plan } });
  }
}
