import { describe, expect, it } from 'vitest';
import { crlfRecordEnds } from './csv-record-ends';
import { csvField } from './export-format';

// Records as COPY writes them (fields quoted by csvField's rule, which is COPY's, LF at the end) must come
// out as the export writes them (CRLF at the end), LFs inside fields untouched, however the bytes are cut.

const awkward = ['plain', 'a,b', 'say "hi"', 'two\nlines', 'cr\r\nlf', '"', '""', '\n', 'end"\n', '日本語 👩‍💻\n"x"', ''];

/** Every awkward value once in every column position, a few records long. */
function records(): string[][] {
  return awkward.map((_, i) => awkward.map((__, j) => awkward[(i + j) % awkward.length]!));
}

const asCopy = (rows: string[][]) => rows.map((r) => `${r.map(csvField).join(',')}\n`).join('');
const asExport = (rows: string[][]) => rows.map((r) => `${r.map(csvField).join(',')}\r\n`).join('');

function convert(chunks: Buffer[]): string {
  const toCrlf = crlfRecordEnds();
  return Buffer.concat(chunks.map(toCrlf)).toString('utf8');
}

describe('crlfRecordEnds', () => {
  it('ends each record with CRLF and leaves line breaks inside fields alone', () => {
    const rows = records();
    expect(convert([Buffer.from(asCopy(rows))])).toBe(asExport(rows));
  });

  it('gives the same bytes wherever the chunks are cut', () => {
    const rows = records();
    const bytes = Buffer.from(asCopy(rows));
    const expected = asExport(rows);
    // One cut at every position (inside quotes, between a doubled quote, next to an LF, inside a UTF-8 character) …
    for (let cut = 0; cut <= bytes.length; cut++) {
      expect(convert([bytes.subarray(0, cut), bytes.subarray(cut)]), `cut at ${cut}`).toBe(expected);
    }
    // … and one byte at a time.
    expect(convert([...bytes].map((b) => Buffer.from([b])))).toBe(expected);
  });

  it('passes a chunk without a record end through as it is', () => {
    const chunk = Buffer.from('"half a field\n with a line break');
    expect(crlfRecordEnds()(chunk)).toBe(chunk);
  });
});
