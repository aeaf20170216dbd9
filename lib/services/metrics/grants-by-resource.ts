import type { Db } from '@/lib/db/client';
import { DAY_MS, startOfUtcDay, utcDay, utcTimestamp } from './sql-time';

export interface GrantsByResource {
  /** The UTC days shown, oldest first (`2026-11-17`), today last. */
  days: string[];
  /** One series per resource that was granted in the window, busiest first. */
  series: { resource: string; name: string; counts: number[]; total: number }[];
}

export const GRANT_HISTORY_DAYS = 14;

/**
 * Grants issued per resource per UTC day over the last 14 days (today included), by the grant's
 * createdAt — the moment access was granted, whether it started then or was scheduled. Days without
 * grants count 0, so every series has one value per day; rows stamped after today's day are not shown.
 */
export async function grantsByResource(db: Db, now: Date, days = GRANT_HISTORY_DAYS): Promise<GrantsByResource> {
  const start = startOfUtcDay(now, days - 1);
  const rows = await db.$queryRaw<{ slug: string; name: string; day: string; grants: bigint }[]>`
    SELECT r."slug", r."name", to_char(date_trunc('day', g."createdAt"), 'YYYY-MM-DD') AS day, count(*) AS grants
      FROM "Grant" g
      JOIN "Entitlement" e ON e."id" = g."entitlementId"
      JOIN "Resource" r ON r."id" = e."resourceId"
     WHERE g."createdAt" >= ${utcTimestamp(start)}
     GROUP BY r."slug", r."name", 3`;

  const dayList = Array.from({ length: days }, (_, i) => utcDay(new Date(start.getTime() + i * DAY_MS)));
  const index = new Map(dayList.map((d, i) => [d, i]));
  const bySlug = new Map<string, { resource: string; name: string; counts: number[]; total: number }>();
  for (const row of rows) {
    const i = index.get(row.day);
    if (i === undefined) continue;
    const series = bySlug.get(row.slug) ?? { resource: row.slug, name: row.name, counts: dayList.map(() => 0), total: 0 };
    series.counts[i] = Number(row.grants);
    series.total += Number(row.grants);
    bySlug.set(row.slug, series);
  }
  const series = [...bySlug.values()].sort((a, b) => b.total - a.total || a.resource.localeCompare(b.resource));
  return { days: dayList, series };
}
