import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import { CSV_COLUMNS, csvHeader, csvRecords, ndjsonRecords, neutraliseCell, type ExportEvent } from './export-format';
import type { AuditEventView } from './view';

/** The API's view of an event. */
function view(overrides: Partial<AuditEventView> = {}): AuditEventView {
  return {
    id: '00000000-0000-4000-8000-000000000001',
    seq: '42',
    occurredAt: '2026-11-17T14:03:05.123Z',
    actorId: '00000000-0000-4000-8000-0000000000aa',
    actorLabel: 'alice@example.com',
    tokenId: null,
    action: 'request.created',
    resourceId: '00000000-0000-4000-8000-0000000000bb',
    resource: 'prod-postgres',
    entitlementId: null,
    requestId: '00000000-0000-4000-8000-0000000000cc',
    grantId: null,
    statusFrom: null,
    statusTo: 'pending',
    ip: '203.0.113.9',
    userAgent: 'Mozilla/5.0',
    data: { justification: 'fix the index', ticket: 'OPS-1' },
    reportedAt: null,
    chainIndex: '41',
    prevHash: 'a'.repeat(64),
    hash: 'b'.repeat(64),
    ...overrides,
  };
}

/** The same event as the export reads it from the database: data as JSON text, justification and ticket lifted out. */
function event(overrides: Partial<AuditEventView> = {}): ExportEvent {
  const { data, ...rest } = view(overrides);
  const text = (v: unknown) => (typeof v === 'string' ? v : null);
  return { ...rest, dataJson: JSON.stringify(data), justification: text(data.justification), ticket: text(data.ticket) };
}

/** Parses CSV the way a spreadsheet import or a script would: a standard RFC 4180 parser. */
const parseCsv = (text: string): string[][] => parse(text, { relax_column_count: false });

describe('CSV export format', () => {
  it('has a fixed header row and one CRLF-terminated record per event', () => {
    const text = csvHeader() + csvRecords([event(), event({ seq: '43' })]);
    expect(text.endsWith('\r\n')).toBe(true);
    const rows = parseCsv(text);
    expect(rows[0]).toEqual([...CSV_COLUMNS]);
    expect(rows).toHaveLength(3);
    const record = Object.fromEntries(CSV_COLUMNS.map((c, i) => [c, rows[1]![i]]));
    expect(record).toMatchObject({ seq: '42', occurredAt: '2026-11-17T14:03:05.123Z', action: 'request.created', resource: 'prod-postgres', justification: 'fix the index', ticket: 'OPS-1', tokenId: '', chainIndex: '41' });
    expect(JSON.parse(record.data!)).toEqual({ justification: 'fix the index', ticket: 'OPS-1' });
  });

  it('puts every field under its own header', () => {
    const named = Object.fromEntries(CSV_COLUMNS.map((c) => [c, `v-${c}`])) as Record<(typeof CSV_COLUMNS)[number], string>;
    const { data, ...rest } = named;
    const rows = parseCsv(csvHeader() + csvRecords([{ ...rest, dataJson: data } as unknown as ExportEvent]));
    expect(rows[1]).toEqual(CSV_COLUMNS.map((c) => `v-${c}`));
  });

  it('round-trips commas, quotes, line breaks and Unicode through a standard parser', () => {
    const nasty = 'He said "no", then\r\nleft; 10,5 €  — 日本語 👩‍💻\nline3\rend';
    const rows = parseCsv(csvHeader() + csvRecords([event({ data: { justification: nasty, ticket: 'a,"b"' }, userAgent: 'curl/8 "x", y' })]));
    const record = Object.fromEntries(CSV_COLUMNS.map((c, i) => [c, rows[1]![i]]));
    expect(record.justification).toBe(nasty);
    expect(record.ticket).toBe('a,"b"');
    expect(record.userAgent).toBe('curl/8 "x", y');
    expect(JSON.parse(record.data!).justification).toBe(nasty);
  });

  it('neutralises every cell a spreadsheet would evaluate as a formula', () => {
    const formulas = ['=HYPERLINK("http://evil","x")', '+1+1', '-2+3', '@SUM(A1)', '\t=1+1', '\r=1+1'];
    for (const f of formulas) {
      const rows = parseCsv(csvHeader() + csvRecords([event({ actorLabel: f, data: { justification: f, ticket: f } })]));
      const record = Object.fromEntries(CSV_COLUMNS.map((c, i) => [c, rows[1]![i]]));
      expect(record.justification).toBe(`'${f}`);
      expect(record.ticket).toBe(`'${f}`);
      expect(record.actorLabel).toBe(`'${f}`);
    }
    // Harmless leading characters are left alone, and so is text with a formula character later on.
    expect(neutraliseCell('a=1')).toBe('a=1');
    expect(neutraliseCell(' =1')).toBe(' =1');
    expect(neutraliseCell('')).toBe('');
  });

  it('quotes only what must be quoted, and writes nulls as empty fields', () => {
    const line = csvRecords([event({ tokenId: null, actorLabel: 'plain', userAgent: 'a"b' })]);
    expect(line).toContain(',plain,');
    expect(line).toContain(',"a""b",');
    expect(line.split(',')[5]).toBe(''); // tokenId
  });
});

describe('NDJSON export format', () => {
  it('writes, per line, exactly the object the API returns for the event', () => {
    const v = view({ data: { justification: 'a "quoted"\nline', nested: { k: [1, null] } } });
    const { data, ...rest } = v;
    const line = ndjsonRecords([{ ...rest, dataJson: JSON.stringify(data), justification: null, ticket: null }]);
    expect(JSON.parse(line)).toEqual(v);
  });

  it('writes one parseable JSON object per line, unneutralised', () => {
    const lines = ndjsonRecords([event({ data: { justification: '=1+1\nnext' } }), event({ seq: '43' })]).split('\n');
    expect(lines).toHaveLength(3);
    expect(lines[2]).toBe('');
    expect(JSON.parse(lines[0]!)).toMatchObject({ seq: '42', data: { justification: '=1+1\nnext' } });
    expect(JSON.parse(lines[1]!).seq).toBe('43');
  });
});
