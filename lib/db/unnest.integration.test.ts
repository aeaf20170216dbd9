import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '@/lib/testing/test-db';
import type { Db } from './client';
import { unnestInsert, unnestRows, type UnnestColumns } from './unnest';

// The one way the app writes many rows in a statement (audit batches, the outbox, the sealer's links):
// every type it sends must come back as sent, NULL as NULL, on PGlite and on PostgreSQL alike.

interface Probe {
  id: string;
  label: string | null;
  big: bigint | null;
  data: unknown;
  at: Date | null;
  uniq: string | null;
}

const COLUMNS: UnnestColumns<Probe> = { id: 'uuid', label: 'text', big: 'bigint', data: 'jsonb', at: 'timestamp(3)', uniq: 'text' };

let database: TestDatabase;
let db: Db;

beforeAll(async () => {
  database = await createTestDatabase();
  db = database.db;
  await db.$executeRawUnsafe(`CREATE TABLE "UnnestProbe" (seq bigserial, id uuid PRIMARY KEY, label text, big bigint, data jsonb, at timestamp(3), uniq text UNIQUE)`);
});
afterAll(async () => database?.close());

/** The probe rows as text, in seq order: what went in, independent of how each driver maps types. */
const readBack = (ids: string[]) =>
  db.$queryRaw<Array<{ id: string; label: string | null; big: string | null; data: string | null; at: string | null; uniq: string | null }>>`
    SELECT id::text, label, big::text, data::text, at::text, uniq FROM "UnnestProbe" WHERE id = ANY(${ids}::text[]::uuid[]) ORDER BY seq`;

const probe = (fields: Partial<Probe>): Probe => ({ id: randomUUID(), label: null, big: null, data: null, at: null, uniq: null, ...fields });

describe('unnestInsert', () => {
  it('writes every type as given, NULL as NULL, in the order of the array', async () => {
    const rows = [
      probe({ label: 'Zugriff für Störung — 数据库 🚒 "quoted" \\ back,slash {braces}', big: 9_007_199_254_740_993n, data: { nested: { list: [1, 'two', null] }, empty: {}, none: null, text: 'ü\n"' }, at: new Date('2026-01-02T03:04:05.678Z'), uniq: 'a' }),
      probe({}), // every column but the id NULL, jsonb included (SQL NULL, not JSON null)
      probe({ label: '', big: -1n, data: [], at: new Date('1999-12-31T23:59:59.999Z'), uniq: 'NULL' }), // empty string and the word NULL stay text
    ];
    // Inserted in an order the ids do not sort in: seq must follow the array, not the ids.
    rows.sort((a, b) => b.id.localeCompare(a.id));

    const inserted = await db.$executeRaw(unnestInsert('UnnestProbe', rows, COLUMNS));

    expect(inserted).toBe(3);
    const back = await readBack(rows.map((r) => r.id));
    expect(back.map((r) => r.id)).toEqual(rows.map((r) => r.id));
    const byLabel = (label: string | null) => back.find((r) => r.label === label)!;
    expect(byLabel(rows.find((r) => r.uniq === 'a')!.label)).toMatchObject({ big: '9007199254740993', at: '2026-01-02 03:04:05.678', uniq: 'a' });
    expect(JSON.parse(byLabel(rows.find((r) => r.uniq === 'a')!.label).data!)).toEqual({ nested: { list: [1, 'two', null] }, empty: {}, none: null, text: 'ü\n"' });
    expect(byLabel(null)).toMatchObject({ big: null, data: null, at: null, uniq: null });
    expect(byLabel('')).toMatchObject({ big: '-1', data: '[]', at: '1999-12-31 23:59:59.999', uniq: 'NULL' });
  });

  it('inserts nothing for an empty batch', async () => {
    const before = await db.$queryRaw<[{ n: number }]>`SELECT count(*)::int AS n FROM "UnnestProbe"`;
    expect(await db.$executeRaw(unnestInsert('UnnestProbe', [], COLUMNS))).toBe(0);
    expect(await db.$queryRaw`SELECT count(*)::int AS n FROM "UnnestProbe"`).toEqual(before);
  });

  it('leaves out rows that break a unique constraint only when asked to', async () => {
    await db.$executeRaw(unnestInsert('UnnestProbe', [probe({ uniq: 'taken' })], COLUMNS));
    const fresh = probe({ uniq: 'free' });

    await expect(db.$executeRaw(unnestInsert('UnnestProbe', [probe({ uniq: 'taken' })], COLUMNS))).rejects.toThrow();
    expect(await db.$executeRaw(unnestInsert('UnnestProbe', [probe({ uniq: 'taken' }), fresh], COLUMNS, { skipDuplicates: true }))).toBe(1);
    expect((await readBack([fresh.id])).map((r) => r.uniq)).toEqual(['free']);
  });

  it('refuses a table or column name that is not a plain identifier', () => {
    expect(() => unnestInsert('Unnest"Probe', [], COLUMNS)).toThrow(/identifier/);
  });
});

describe('unnestRows', () => {
  it('joins rows by a key in an UPDATE … FROM, as the sealer links events', async () => {
    const rows = [probe({ label: 'one' }), probe({ label: 'two' })];
    await db.$executeRaw(unnestInsert('UnnestProbe', rows, COLUMNS));
    const changes = rows.map((r, i) => ({ id: r.id, big: BigInt(i + 1) * 10n ** 15n, label: `${r.label}, ẞ` }));

    const updated = await db.$executeRaw`
      UPDATE "UnnestProbe" AS p SET big = v.big, label = v.label
        FROM ${unnestRows(changes, { id: 'uuid', big: 'bigint', label: 'text' }, 'v')}
       WHERE p.id = v.id`;

    expect(updated).toBe(2);
    expect((await readBack(rows.map((r) => r.id))).map((r) => [r.label, r.big])).toEqual([
      ['one, ẞ', '1000000000000000'],
      ['two, ẞ', '2000000000000000'],
    ]);
  });
});
