import type { Db } from '@/lib/db/client';
import { pgPoolOf } from '@/lib/db/pg-pool';
import { Prisma } from '@/lib/db/generated/client';
import { log } from '@/lib/log';
import { copyCsvExport } from './export-copy';
import { csvChunkQuery, type CsvChunk } from './export-csv-sql';
import { csvHeader, csvRecords, ndjsonRecords, type ExportEvent, type ExportFormat } from './export-format';
import { ResourceSlugs, viewFields, type AuditEventRow } from './view';

export const EXPORT_BATCH_SIZE = 2000;
/** CSV pages are formatted by the database: larger pages, fewer round trips, a few MB of text each. */
export const CSV_BATCH_SIZE = 5000;
/** Rows formatted into one string before it is encoded: ~100 rows stay under 128 KiB even as UTF-16. */
const ENCODE_SLICE = 100;

export interface ExportOptions {
  /** Rows per keyset page (default CSV_BATCH_SIZE for CSV, EXPORT_BATCH_SIZE for NDJSON); a COPY has no pages. */
  batchSize?: number;
}

/** The display row with `data` read as text, and justification, ticket and reportedAt lifted out of it. */
interface ExportRow extends Omit<AuditEventRow, 'data'> {
  dataJson: string;
  justification: string | null;
  ticket: string | null;
  reportedAt: string | null;
}

/** `data` as text (never parsed and re-serialised here), its justification and ticket lifted out. */
const batchQuery = (where: Prisma.Sql, after: bigint, limit: number) => Prisma.sql`
  SELECT "id", "seq", "occurredAt", "actorId", "actorLabel", "action", "resourceId", "entitlementId", "requestId", "grantId",
         "tokenId", "statusFrom", "statusTo", "ip", "userAgent", "data"::text AS "dataJson",
         "data"->>'justification' AS "justification", "data"->>'ticket' AS "ticket", "data"->>'reportedAt' AS "reportedAt", "chainIndex", "prevHash", "hash"
    FROM "AuditEvent"
   WHERE (${where}) AND "seq" > ${after}
   ORDER BY "seq" ASC LIMIT ${limit}`;

function exportEvent(row: ExportRow, slugs: ReadonlyMap<string, string>): ExportEvent {
  return { ...viewFields(row, slugs, row.reportedAt), dataJson: row.dataJson, justification: row.justification, ticket: row.ticket };
}

/**
 * The whole filtered trail as a byte stream, oldest first, fetched a keyset batch at a time only when
 * the reader asks for more (pull), so memory stays flat however large the result and a slow client
 * slows the queries rather than filling the heap. It ends at the newest event that existed when the
 * export started: events arriving meanwhile do not keep it running.
 */
export async function auditExportStream(db: Db, where: Prisma.Sql | null, format: ExportFormat, options: ExportOptions = {}): Promise<ReadableStream<Uint8Array>> {
  // On PostgreSQL a CSV export is one COPY (export-copy.ts); PGlite, NDJSON and a trail holding a
  // reportedAt only JavaScript reads right take the pages below.
  const pool = format === 'csv' && where ? pgPoolOf(db) : null;
  const copied = pool && where ? await copyCsvExport(pool, where) : null;
  if (copied) return copied;

  const batchSize = options.batchSize ?? (format === 'csv' ? CSV_BATCH_SIZE : EXPORT_BATCH_SIZE);
  const encoder = new TextEncoder();
  const newest = where ? await db.auditEvent.findFirst({ orderBy: { seq: 'desc' }, select: { seq: true } }) : null;
  const slugs = new ResourceSlugs(db);
  let rows = 0;
  let finished = !newest || !where;

  interface Chunk {
    bytes: Uint8Array | null;
    count: number;
    /** Where the next batch starts; null once the snapshot is exhausted. */
    after: bigint | null;
  }
  /**
   * Fetches a batch and turns it into bytes at once. Only bytes wait for the reader: the rows die young
   * (a scavenge frees them), instead of living across an await and filling the old generation.
   */
  const formatHere = async (after: bigint): Promise<Chunk> => {
    const fetched = await db.$queryRaw<ExportRow[]>(batchQuery(where!, after, batchSize));
    // The snapshot's end is applied here, not in SQL: "seq <= newest" beside "seq > after" lets
    // the planner trade the ordered index scan for a bitmap scan and a sort whenever its
    // statistics lag behind a fast-growing table (measured: 60× slower).
    const batch = fetched.filter((row) => row.seq <= newest!.seq);
    const more = fetched.length === batchSize && batch.length === fetched.length;
    const last = fetched[fetched.length - 1]?.seq ?? null;
    if (batch.length === 0) return { bytes: null, count: 0, after: more ? last : null };
    const names = await slugs.load(batch);
    // Formatted and encoded a slice at a time: a string over V8's large-object size (~128 KiB) lives in
    // the old generation until a full collection, and a batch's worth of them made the heap swell by
    // 130 MB during a long export. Slices stay small and die young; only their bytes are kept.
    const pieces: Uint8Array[] = [];
    for (let i = 0; i < batch.length; i += ENCODE_SLICE) {
      const events = batch.slice(i, i + ENCODE_SLICE).map((row) => exportEvent(row, names));
      pieces.push(encoder.encode(format === 'csv' ? csvRecords(events) : ndjsonRecords(events)));
    }
    return { bytes: Buffer.concat(pieces), count: batch.length, after: more ? last : null };
  };
  /** A CSV page formatted by the database (export-csv-sql.ts); a page it cannot format exactly is formatted here. */
  const formatInDatabase = async (after: bigint): Promise<Chunk> => {
    const [page] = await db.$queryRaw<CsvChunk[]>(csvChunkQuery(where!, after, batchSize, newest!.seq));
    if (!page || page.fetched === 0) return { bytes: null, count: 0, after: null };
    if (page.odd) return formatHere(after);
    const more = page.fetched === batchSize && page.kept === page.fetched;
    // One string in, one buffer out: the string dies at the next scavenge, the bytes wait for the reader.
    return { bytes: page.csv ? Buffer.from(page.csv, 'utf8') : null, count: page.kept, after: more ? page.last : null };
  };
  const fetchChunk = format === 'csv' ? formatInDatabase : formatHere;
  // The next batch is fetched and formatted while the reader takes this one: the database and this
  // process work side by side, and at most two batches' bytes wait in memory.
  let next: Promise<Chunk> | null = finished ? null : fetchChunk(0n);
  next?.catch(() => {}); // awaited in pull(); this only marks it handled until then
  let started = false;
  // Set when the reader goes away (a download cancelled or cut off): a pull still waiting on its batch then
  // has nowhere to put it, and that is the reader's choice, not an export failure worth an error log.
  let cancelled = false;

  return new ReadableStream<Uint8Array>(
    {
      async pull(controller) {
        try {
          if (!started) {
            started = true;
            if (format === 'csv') {
              controller.enqueue(encoder.encode(csvHeader()));
              return;
            }
          }
          // Until something is enqueued or the stream is closed: a pull that does neither is never
          // followed by another when the reader was already waiting, and the download would hang (an
          // empty last page: the trail ended on a page boundary, or only newer events were left).
          for (;;) {
            if (finished || !next) {
              controller.close();
              return;
            }
            const chunk = await next;
            if (cancelled) return;
            if (chunk.after === null) {
              finished = true;
              next = null;
            } else {
              next = fetchChunk(chunk.after);
              next.catch(() => {});
            }
            if (chunk.bytes) {
              controller.enqueue(chunk.bytes);
              rows += chunk.count;
              return;
            }
          }
        } catch (error) {
          if (cancelled) return;
          // Headers are gone already: the client sees a cut-off download, the log says why.
          log.error({ err: error, rows }, 'audit export failed');
          controller.error(error);
        }
      },
      cancel() {
        cancelled = true;
        finished = true;
        next = null;
      },
    },
    // One chunk ahead at most: the next query waits until the reader has taken the last one.
    { highWaterMark: 1 },
  );
}
