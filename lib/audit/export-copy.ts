import type pg from 'pg';
import { to as copyTo } from 'pg-copy-streams';
import type { Prisma } from '@/lib/db/generated/client';
import { log } from '@/lib/log';
import { processWide } from '@/lib/process-wide';
import { crlfRecordEnds } from './csv-record-ends';
import { copyCsvStatement, oddReportedAtQuery } from './export-copy-sql';
import { csvHeader } from './export-format';

/**
 * COPY exports holding a pool connection at once, per process. A COPY keeps its connection for the whole
 * download; beyond this many, an export takes the paged path (short queries that give the connection back
 * between pages), so auditors downloading at once cannot take the connections every other request needs.
 */
const MAX_CONCURRENT_COPIES = 2;
// Process-wide, so the portal's export and the API's share the bound (lib/process-wide.ts says why).
const copies = processWide('copyExports', () => ({ inFlight: 0 }));

/**
 * The CSV export on PostgreSQL: one `COPY (SELECT …) TO STDOUT` on a connection borrowed from the pool,
 * its bytes passed on as they arrive. The reader drives it: a chunk is read from the socket only when the
 * reader asks for one, so a slow client leaves the rest in PostgreSQL's send buffer, not in this
 * process. The check for odd rows and the COPY share one REPEATABLE READ snapshot: the export ends at
 * what was committed when it started, as the paged path's "newest seq" does.
 *
 * Null when the trail holds a `reportedAt` only JavaScript reads right (export-copy-sql.ts): the
 * caller then takes the paged path.
 */
export async function copyCsvExport(pool: pg.Pool, where: Prisma.Sql): Promise<ReadableStream<Uint8Array> | null> {
  if (copies.inFlight >= MAX_CONCURRENT_COPIES) return null;
  copies.inFlight++;
  let client: pg.PoolClient;
  try {
    client = await pool.connect();
  } catch (error) {
    copies.inFlight--;
    throw error;
  }
  // The pool stops listening for a client's errors while it is lent out; unheard, a dropped connection
  // (its backend terminated, the network gone) would be an uncaught 'error' and end the process. The
  // query in flight fails with the same error, and that is where the export handles it.
  const ignore = () => {};
  client.on('error', ignore);
  let released = false;
  /** Back to the pool after a clean end; any other ending closes the connection, which ends its backend's COPY. */
  const release = (broken?: Error) => {
    if (released) return;
    released = true;
    copies.inFlight--;
    // A closed connection may still report its end as an error: keep listening to the one thrown away.
    if (!broken) client.removeListener('error', ignore);
    client.release(broken ?? false);
  };
  try {
    await client.query('BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY');
    const odd = oddReportedAtQuery(where);
    const { rows } = await client.query<{ odd: boolean }>(odd.text, odd.values);
    if (rows[0]?.odd) {
      await client.query('ROLLBACK');
      release();
      return null;
    }
  } catch (error) {
    release(error instanceof Error ? error : new Error(String(error)));
    throw error;
  }

  const copy = client.query(copyTo(copyCsvStatement(where)));
  // Listened to from the start: pg-copy-streams emits its errors (a failed statement, a lost connection)
  // as events, whether or not a read is waiting.
  let failure: Error | null = null;
  let ended = false;
  let wake: (() => void) | null = null;
  copy.on('error', (error: Error) => {
    failure = error;
    wake?.();
  });
  copy.on('end', () => {
    ended = true;
    wake?.();
  });
  copy.on('readable', () => wake?.());

  /** The next chunk of COPY's output, or null at its end. */
  const nextChunk = async (): Promise<Buffer | null> => {
    for (;;) {
      if (failure) throw failure;
      const chunk = copy.read() as Buffer | null;
      if (chunk !== null) return chunk;
      if (ended) return null;
      await new Promise<void>((resolve) => (wake = resolve));
      wake = null;
    }
  };

  const toCrlf = crlfRecordEnds();
  let started = false;
  // Set when the reader goes away (a download cancelled or cut off): what is still under way is then
  // the reader's choice to stop, not an export failure worth an error log.
  let cancelled = false;

  return new ReadableStream<Uint8Array>(
    {
      async pull(controller) {
        if (!started) {
          started = true;
          controller.enqueue(new TextEncoder().encode(csvHeader()));
          return;
        }
        try {
          const chunk = await nextChunk();
          if (cancelled) return;
          if (chunk === null) {
            await client.query('COMMIT');
            release();
            controller.close();
            return;
          }
          controller.enqueue(toCrlf(chunk));
        } catch (error) {
          release(error instanceof Error ? error : new Error(String(error)));
          if (cancelled) return;
          // Headers are gone already: the client sees a cut-off download, the log says why.
          log.error({ err: error }, 'audit export failed');
          controller.error(error);
        }
      },
      cancel() {
        cancelled = true;
        // Closing the connection is what stops the COPY: its backend fails its next send and ends.
        release(new Error('audit export cancelled by the reader'));
        wake?.();
      },
    },
    // One chunk ahead at most: the socket is read again only once the reader has taken the last chunk.
    { highWaterMark: 1 },
  );
}
