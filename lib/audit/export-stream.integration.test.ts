import { parse } from 'csv-parse/sync';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { pgPoolOf } from '@/lib/db/pg-pool';
import { rawAuditEvent } from '@/lib/testing/raw-audit-event';
import { createTestDatabase, type TestDatabase } from '@/lib/testing/test-db';
import { testTarget } from '@/lib/testing/test-target';
import { appendAuditMany } from './append';
import { CSV_COLUMNS, type ExportFormat } from './export-format';
import { auditExportStream } from './export-stream';
import { resolveFilters, type AuditFilters } from './filters';

// The export's stream on its own: pages cut anywhere lose or repeat nothing, and the CSV the database
// formats (export-copy-sql.ts's COPY on PostgreSQL, export-csv-sql.ts's pages on PGlite) is byte for
// byte what the JavaScript formatter (export-format.ts) writes.

let database: TestDatabase;
beforeAll(async () => {
  database = await createTestDatabase('demo');
});
afterAll(async () => database?.close());

async function exportText(filters: AuditFilters, format: ExportFormat, batchSize?: number): Promise<string> {
  const where = await resolveFilters(database.db, filters);
  return new Response(await auditExportStream(database.db, where, format, batchSize ? { batchSize } : {})).text();
}

const col = (name: (typeof CSV_COLUMNS)[number]) => CSV_COLUMNS.indexOf(name);

describe('export pages', () => {
  beforeAll(async () => {
    // 600 events, 40 to a millisecond: ties on occurredAt fall on every page boundary. Written with the
    // time trigger off (superuser, as the volume seeder does), which is how a given time can be set.
    await database.db.$transaction(async (tx) => {
      await tx.$executeRawUnsafe(`SET LOCAL session_replication_role = replica`);
      await tx.$executeRawUnsafe(`
        INSERT INTO "AuditEvent" ("id", "actorLabel", "action", "data", "occurredAt")
        SELECT gen_random_uuid(), 'system:bulk', 'test.paged', jsonb_build_object('justification', 'row ' || g), timestamp '2026-01-01' + (g / 40) * interval '1 millisecond'
          FROM generate_series(0, 599) g`);
    });
  });

  it('are complete and in order, whatever the page size, in CSV and NDJSON', async () => {
    const expected = (await database.db.auditEvent.findMany({ where: { action: 'test.paged' }, orderBy: { seq: 'asc' }, select: { seq: true, id: true } })).map((e) => `${e.seq}:${e.id}`);
    expect(expected).toHaveLength(600);
    // 7 cuts inside runs of ties, 40 on their edges; 600 is exactly one full page (then an empty one), 1,000 a partial one.
    for (const batchSize of [7, 40, 600, 1000]) {
      const csv: string[][] = parse(await exportText({ action: 'test.paged' }, 'csv', batchSize));
      expect(csv[0]).toEqual([...CSV_COLUMNS]);
      expect(csv.slice(1).map((r) => `${r[col('seq')]}:${r[col('id')]}`), `CSV in pages of ${batchSize}`).toEqual(expected);
      if (batchSize < 40) continue; // NDJSON pages by the same keyset; 86 tiny pages twice is slow on a busy machine
      const ndjson = (await exportText({ action: 'test.paged' }, 'ndjson', batchSize)).split('\n').filter(Boolean).map((l) => JSON.parse(l) as { seq: string; id: string });
      expect(ndjson.map((e) => `${e.seq}:${e.id}`), `NDJSON in pages of ${batchSize}`).toEqual(expected);
    }
    const ties = new Set(parse(await exportText({ action: 'test.paged' }, 'csv')).slice(1).map((r: string[]) => r[col('occurredAt')]));
    expect(ties.size).toBe(15);
  });
});

describe('CSV formatted by the database', () => {
  const nasty = 'He said "no", then\r\nleft; 10,5 €  — 日本語 👩‍💻\nline3\rend';
  const formulas = ['=HYPERLINK("http://evil","x")', '+1+1', '-2+3', '@SUM(A1)', '\t=1+1', '\r=1+1', '=a,b', '', ' ', 'C:\\temp\\', "it's", '\\.'];

  beforeAll(async () => {
    const resource = await database.db.resource.findFirstOrThrow({ select: { id: true } });
    const awkward = formulas.map((f, i) =>
      rawAuditEvent({
        actorLabel: f || 'system:awkward',
        action: 'test.awkward',
        resourceId: i % 2 ? resource.id : null,
        statusFrom: i === 1 ? f : null,
        statusTo: i === 2 ? 'active' : null,
        ip: i === 3 ? '2001:db8::1' : null,
        userAgent: i === 4 ? 'curl/8 "x", y' : f,
        data: {
          justification: i === 0 ? nasty : f,
          ticket: i === 5 ? 42 : f,
          nested: { quote: '"', unicode: 'ü\u2028', n: i },
          // The form the portal stores, a day past February's end (Date.parse rolls it into March), and none.
          ...(i === 0 ? { reportedAt: '2026-11-17T14:03:05.123Z' } : i === 1 ? { reportedAt: '2025-02-30T23:59:59.999Z' } : {}),
        },
      }),
    );
    // A reportedAt only Date.parse reads the same way: its page is formatted by the JavaScript path (on
    // PostgreSQL, the whole export takes the paged path: COPY's SQL cannot read it).
    const odd = rawAuditEvent({ actorLabel: 'system:awkward', action: 'test.odd', data: { reportedAt: '17 Nov 2026 14:03 GMT' } });
    await database.db.$transaction((tx) => appendAuditMany(tx, [...awkward, odd]), { timeout: 60_000 });
  });

  it('is byte for byte what the JavaScript formatter writes', async () => {
    // action=test.awkward: the database formats the page. action=test.* adds the odd row, so the same
    // rows come from the JavaScript formatter.
    const inDatabase = await exportText({ action: 'test.awkward' }, 'csv');
    const inJavaScript = await exportText({ action: 'test.*' }, 'csv');
    const records = (text: string) => (parse(text, { raw: true }) as unknown as Array<{ raw: string; record: string[] }>).slice(1);
    const fromDatabase = records(inDatabase);
    const fromJavaScript = records(inJavaScript).filter((r) => r.record[col('action')] === 'test.awkward');
    expect(fromDatabase).toHaveLength(formulas.length);
    expect(fromDatabase.map((r) => r.raw)).toEqual(fromJavaScript.map((r) => r.raw));

    // And what they wrote is what the format promises (export-format.test.ts has the rest).
    const [first, second] = fromDatabase.map((r) => r.record);
    expect(first![col('justification')]).toBe(nasty);
    expect(first![col('actorLabel')]).toBe(`'=HYPERLINK("http://evil","x")`);
    expect(first![col('reportedAt')]).toBe('2026-11-17T14:03:05.123Z');
    expect(second![col('reportedAt')]).toBe('2025-03-02T23:59:59.999Z');
    expect(second![col('resource')]).not.toBe('');
    const odd = records(inJavaScript).find((r) => r.record[col('action')] === 'test.odd')!.record;
    expect(odd[col('reportedAt')]).toBe('2026-11-17T14:03:00.000Z');
  });
});

describe('an export', () => {
  it('ends at what was committed when it started', async () => {
    await database.db.$transaction((tx) => appendAuditMany(tx, [1, 2, 3].map((n) => rawAuditEvent({ actorLabel: 'system:snapshot', action: 'test.snapshot', data: { n } }))));
    const where = await resolveFilters(database.db, { action: 'test.snapshot' });
    const stream = await auditExportStream(database.db, where, 'csv', { batchSize: 2 });
    // Written after the export began, before a byte of it was read.
    await database.db.$transaction((tx) => appendAuditMany(tx, [4, 5].map((n) => rawAuditEvent({ actorLabel: 'system:snapshot', action: 'test.snapshot', data: { n } }))));
    const rows: string[][] = parse(await new Response(stream).text());
    expect(rows.slice(1).map((r) => JSON.parse(r[col('data')]!).n)).toEqual([1, 2, 3]);
  });

  it('matches a filter holding quotes and backslashes literally', async () => {
    // COPY takes no bind parameters: the filter's values are written into the statement (export-copy-sql.ts).
    const label = String.raw`system:o'brien\x' OR TRUE --`;
    await database.db.$transaction((tx) => appendAuditMany(tx, [rawAuditEvent({ actorLabel: label, action: 'test.literal' }), rawAuditEvent({ actorLabel: 'system:other', action: 'test.literal' })]));
    const rows: string[][] = parse(await exportText({ actor: label }, 'csv'));
    expect(rows.slice(1).map((r) => r[col('actorLabel')])).toEqual([label]);
  });
});

// What only PostgreSQL has: the COPY holds a pooled connection for as long as the download lasts.
describe.runIf(testTarget().kind === 'postgres')('a CSV export by COPY on PostgreSQL', () => {
  const copyBackends = async () =>
    (await database.db.$queryRaw<Array<{ n: number }>>`SELECT count(*)::int AS n FROM pg_stat_activity WHERE datname = current_database() AND query LIKE 'COPY (SELECT%' AND state <> 'idle'`)[0]!.n;
  const pool = () => pgPoolOf(database.db)!;
  /** Every connection the pool opened is back in it: none is held by an export. */
  const noneCheckedOut = () => expect(pool().totalCount - pool().idleCount).toBe(0);

  beforeAll(async () => {
    // ~50 MB of CSV: far more than the sockets between PostgreSQL and this process buffer, so a reader
    // that stops after the first chunk leaves the COPY under way.
    await database.db.$transaction(async (tx) => {
      await tx.$executeRawUnsafe(`SET LOCAL session_replication_role = replica`);
      await tx.$executeRawUnsafe(`
        INSERT INTO "AuditEvent" ("id", "actorLabel", "action", "data")
        SELECT gen_random_uuid(), 'system:bulk', 'test.bulk', jsonb_build_object('justification', 'row ' || g, 'pad', repeat('x', 2500))
          FROM generate_series(1, 20000) g`);
    });
  });

  it('gives its connection back once read to the end', async () => {
    const text = await exportText({ action: 'test.bulk' }, 'csv');
    expect(text.split('\r\n')).toHaveLength(20_002); // header, 20,000 records, and the empty string after the last CRLF
    noneCheckedOut();
    // The backend marks itself idle only after it has sent the COPY's end, so another session may see it busy a moment longer.
    await vi.waitFor(async () => expect(await copyBackends()).toBe(0), { timeout: 60_000, interval: 100 });
  });

  it('cancelled half-way, ends its COPY and closes its connection quietly', async () => {
    const where = await resolveFilters(database.db, { action: 'test.bulk' });
    const reader = (await auditExportStream(database.db, where, 'csv')).getReader();
    const header = await reader.read();
    const first = await reader.read();
    expect(new TextDecoder().decode(header.value)).toBe(`${CSV_COLUMNS.join(',')}\r\n`);
    expect(first.done).toBe(false);
    expect(await copyBackends()).toBe(1); // still sending: the download was cut in the middle
    await reader.cancel();
    await vi.waitFor(async () => expect(await copyBackends()).toBe(0), { timeout: 60_000, interval: 100 });
    noneCheckedOut();
    // The pool still serves: the next export runs to its end.
    const rows: string[][] = parse(await exportText({ action: 'test.literal' }, 'csv'));
    expect(rows).toHaveLength(3);
  });

  it('holds at most two connections however many download at once; the others take the paged path', async () => {
    const where = await resolveFilters(database.db, { action: 'test.bulk' });
    const readers = await Promise.all([1, 2, 3].map(async () => (await auditExportStream(database.db, where, 'csv')).getReader()));
    const received: Uint8Array[][] = readers.map(() => []);
    const readOne = async (i: number) => {
      const next = await readers[i]!.read();
      if (!next.done) received[i]!.push(next.value);
      return next.done;
    };
    try {
      // Each has sent its header and its first records: a COPY is then under way, far from its end (~50 MB),
      // so every COPY started is an active backend — without the limit there would be three.
      for (const i of [0, 1, 2]) {
        await readOne(i);
        await readOne(i);
      }
      await vi.waitFor(async () => expect(await copyBackends()).toBe(2), { timeout: 60_000, interval: 100 });
      // The third is complete all the same, and the same bytes as a COPY's.
      await Promise.all([0, 1, 2].map(async (i) => {
        while (!(await readOne(i)));
      }));
      const [first, second, third] = received.map((chunks) => Buffer.concat(chunks).toString('utf8'));
      expect(first!.split('\r\n')).toHaveLength(20_002); // header, 20,000 records, and the empty string after the last CRLF
      expect(second).toBe(first);
      expect(third).toBe(first);
    } finally {
      await Promise.all(readers.map((reader) => reader.cancel().catch(() => {})));
    }
    await vi.waitFor(async () => expect(await copyBackends()).toBe(0), { timeout: 60_000, interval: 100 });
    noneCheckedOut();
  });

  it('fails the download, not the process, when its backend is killed half-way', async () => {
    const where = await resolveFilters(database.db, { action: 'test.bulk' });
    const reader = (await auditExportStream(database.db, where, 'csv')).getReader();
    await reader.read(); // the header
    await reader.read(); // the COPY is under way
    const [killed] = await database.db.$queryRaw<Array<{ done: boolean }>>`
      SELECT pg_terminate_backend(pid) AS done FROM pg_stat_activity WHERE datname = current_database() AND query LIKE 'COPY (SELECT%' AND state <> 'idle'`;
    expect(killed?.done).toBe(true);
    const readToEnd = async () => {
      for (;;) if ((await reader.read()).done) return;
    };
    await expect(readToEnd()).rejects.toThrow(/terminat/i);
    noneCheckedOut();
    // pg_terminate_backend only signals: the killed backend stays in pg_stat_activity until it has exited,
    // which on a loaded server can be after the client has seen its connection close.
    await vi.waitFor(async () => expect(await copyBackends()).toBe(0), { timeout: 60_000, interval: 100 });
  });
});
