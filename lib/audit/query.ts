import type { Db } from '@/lib/db/client';
import { Prisma } from '@/lib/db/generated/client';
import { AppError } from '@/lib/errors';
import { resolveFilters, type AuditFilters } from './filters';
import { ResourceSlugs, auditEventView, selectEvents, type AuditEventView } from './view';

// Keyset paging over the trail, newest first by seq — never OFFSET, so page 10,000 costs what page 1
// costs: each filter has a (column, seq) index and the cursor is the last seq seen. Events that arrive
// while someone pages have higher seqs and so never shift the older pages under them.

export const DEFAULT_PAGE_SIZE = 50;
export const MAX_PAGE_SIZE = 200;

export type CursorDirection = 'older' | 'newer';

export interface AuditPage {
  items: AuditEventView[];
  /** The page of older events ("Older"); null on the last page. */
  nextCursor: string | null;
  /** The page of newer events ("Newer"); null on the newest page. */
  prevCursor: string | null;
}

/** The largest value of the `seq` column (PostgreSQL bigint). */
const MAX_SEQ = 9_223_372_036_854_775_807n;

/** Opaque to clients: base64url of the direction and the seq to continue from. */
export function encodeCursor(direction: CursorDirection, seq: bigint): string {
  return Buffer.from(`${direction === 'older' ? 'o' : 'n'}${seq}`, 'utf8').toString('base64url');
}

export function decodeCursor(cursor: string): { direction: CursorDirection; seq: bigint } {
  const text = /^[A-Za-z0-9_-]{1,40}$/.test(cursor) ? Buffer.from(cursor, 'base64url').toString('utf8') : '';
  const match = /^([on])(\d{1,19})$/.exec(text);
  // 19 digits can still pass bigint's range: PostgreSQL would answer 22003 (a 500), so bound it here.
  const seq = match ? BigInt(match[2]!) : -1n;
  if (!match || seq > MAX_SEQ) throw new AppError('bad_request', 'cursor: not a cursor this server gave out.', { field: 'cursor' });
  return { direction: match[1] === 'o' ? 'older' : 'newer', seq };
}

function fetchRows(db: Db, where: Prisma.Sql, seqBound: { lt: bigint } | { gt: bigint } | null, order: 'asc' | 'desc', take: number) {
  const bound = seqBound === null ? Prisma.sql`TRUE` : 'lt' in seqBound ? Prisma.sql`"seq" < ${seqBound.lt}` : Prisma.sql`"seq" > ${seqBound.gt}`;
  return selectEvents(db, Prisma.sql`(${where}) AND ${bound}`, order, take);
}

/**
 * One page of events matching `filters`, newest first. Without a cursor: the newest page. An "older"
 * cursor continues below its seq; a "newer" one above it — and once fewer than a page of newer events
 * remain, the answer is the newest page itself, so "Newer" always lands on a full page.
 */
export async function queryAudit(db: Db, filters: AuditFilters, page: { limit?: number; cursor?: string | null } = {}): Promise<AuditPage> {
  const limit = Math.min(Math.max(page.limit ?? DEFAULT_PAGE_SIZE, 1), MAX_PAGE_SIZE);
  const cursor = page.cursor ? decodeCursor(page.cursor) : null;
  const where = await resolveFilters(db, filters);
  if (!where) return { items: [], nextCursor: null, prevCursor: null };

  let rows;
  let prevCursor: string | null = null;
  let nextCursor: string | null = null;
  if (cursor?.direction === 'newer') {
    const newer = await fetchRows(db, where, { gt: cursor.seq }, 'asc', limit + 1);
    if (newer.length <= limit) return queryAudit(db, filters, { limit });
    rows = newer.slice(0, limit).reverse();
    prevCursor = encodeCursor('newer', rows[0]!.seq);
    nextCursor = encodeCursor('older', rows[rows.length - 1]!.seq);
  } else {
    const older = await fetchRows(db, where, cursor ? { lt: cursor.seq } : null, 'desc', limit + 1);
    rows = older.slice(0, limit);
    if (older.length > limit) nextCursor = encodeCursor('older', rows[rows.length - 1]!.seq);
    if (cursor) prevCursor = encodeCursor('newer', rows[0]?.seq ?? cursor.seq - 1n);
  }
  const slugs = await new ResourceSlugs(db).load(rows);
  return { items: rows.map((row) => auditEventView(row, slugs)), nextCursor, prevCursor };
}
