import { Prisma } from '@/lib/db/generated/client';

// DateTime columns are `timestamp(3)` holding UTC wall time (Prisma's convention). A Date bound as a
// parameter would be compared through the session's time zone; a UTC literal cast to the column's
// type compares like with like on PGlite and on PostgreSQL whatever their TimeZone setting.

export const utcTimestamp = (date: Date) => Prisma.sql`${date.toISOString().slice(0, -1)}::timestamp(3)`;

export const DAY_MS = 86_400_000;

/** The UTC day a Date falls on, as `2026-11-17`. */
export const utcDay = (date: Date) => date.toISOString().slice(0, 10);

/** The first millisecond of the UTC day `days` before the one `now` falls on. */
export function startOfUtcDay(now: Date, daysBack = 0): Date {
  const start = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate()));
  return new Date(start.getTime() - daysBack * DAY_MS);
}
