// The committed migrations must build the schema on PGlite and on PostgreSQL, apply once only, and
// match schema.prisma. Slow (WASM engine, PGlite initdb), hence the long timeouts.
import { useEmptyDatabase } from '@/lib/testing/empty-database';
import { requireServer } from '@/lib/testing/require-server';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase, type OpenDatabase } from './adapter';
import { MigrationNameError, applyPendingMigrations, createMigration, diffMigrationsToSchema } from './migrate';
import { MIGRATIONS_DIR, readMigrationsList, readSchemaText } from './migration-files';

const TIMEOUT = 120_000;
const EXPECTED_TABLES = ['User', 'AuditEvent', '_prisma_migrations'];
// The engine pads column names ("ADD COLUMN     \"nickname\" TEXT").
const ADD_NICKNAME = /ALTER TABLE "User" ADD COLUMN\s+"nickname" TEXT/;

async function committedMigrationNames(): Promise<string[]> {
  return (await readMigrationsList()).migrationDirectories.map((dir) => dir.path);
}

/** schema.prisma plus one optional column on User: a change that needs a migration. */
async function schemaWithExtraColumn(): Promise<string> {
  const schema = await readSchemaText();
  const changed = schema.replace(/^model User \{\n/m, 'model User {\n  nickname String?\n');
  expect(changed).not.toBe(schema);
  return changed;
}

const tablesQuery = `SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' AND table_name = ANY($1::text[])`;

describe('migrations on PGlite', () => {
  let db: OpenDatabase;
  const tableNames = async () => (await db.pglite!.query<{ table_name: string }>(tablesQuery, [EXPECTED_TABLES])).rows.map((row) => row.table_name).sort();

  beforeAll(async () => {
    db = await openDatabase({ kind: 'pglite-memory' });
  }, TIMEOUT);
  afterAll(() => db?.close());

  it('applies every committed migration to a fresh database', async () => {
    const { applied } = await applyPendingMigrations(db.factory);
    expect(applied).toEqual(await committedMigrationNames());
    expect(applied.length).toBeGreaterThan(0);
    expect(await tableNames()).toEqual([...EXPECTED_TABLES].sort());
  }, TIMEOUT);

  it('applies nothing the second time', async () => {
    expect(await applyPendingMigrations(db.factory)).toEqual({ applied: [] });
  }, TIMEOUT);

  // That schema.prisma and the committed migrations agree is `npm run db:drift`, a step of `npm test` of its own.

  it('reports drift when the schema gains a column', async () => {
    const sql = await diffMigrationsToSchema(await schemaWithExtraColumn());
    expect(sql).toMatch(ADD_NICKNAME);
  }, TIMEOUT);

  it('rejects migration names that are not folder-safe, before any work', async () => {
    await expect(createMigration('add tokens!')).rejects.toBeInstanceOf(MigrationNameError);
  });

  it('writes a migration for a change, which then applies and leaves no drift', async () => {
    // A copy of the folder, so the real prisma/migrations stays untouched.
    const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'timebox-migrations-'));
    try {
      await fs.cp(MIGRATIONS_DIR, dir, { recursive: true });
      const schema = await schemaWithExtraColumn();
      const folder = await createMigration('add-Nickname', { schemaText: schema, migrationsDir: dir, now: new Date('2099-01-02T03:04:05Z') });
      expect(folder).toBe(path.join(dir, '20990102030405_add_nickname'));
      expect(await fs.readFile(path.join(folder!, 'migration.sql'), 'utf8')).toMatch(ADD_NICKNAME);
      expect(await diffMigrationsToSchema(schema, dir)).toBe('');
      expect(await createMigration('again', { schemaText: schema, migrationsDir: dir })).toBeNull();
      expect(await applyPendingMigrations(db.factory, dir)).toEqual({ applied: ['20990102030405_add_nickname'] });
    } finally {
      await fs.rm(dir, { recursive: true, force: true });
    }
  }, TIMEOUT);
});

// Against a real server when one is configured; a throwaway database keeps it clean.
const serverUrl = process.env.TEST_DATABASE_URL || process.env.DATABASE_URL;

describe.runIf(requireServer('TEST_DATABASE_URL or DATABASE_URL', serverUrl))('migrations on PostgreSQL', () => {
  const { url } = useEmptyDatabase(serverUrl!, 'timebox_mig', TIMEOUT);
  let client: pg.Client;
  let db: OpenDatabase;

  beforeAll(async () => {
    db = await openDatabase({ kind: 'postgres', url });
    client = new pg.Client({ connectionString: url });
    await client.connect();
  }, TIMEOUT);

  afterAll(async () => {
    await client?.end();
    await db?.close();
  }, TIMEOUT);

  it('applies every committed migration, then nothing', async () => {
    expect((await applyPendingMigrations(db.factory)).applied).toEqual(await committedMigrationNames());
    const { rows } = await client.query<{ table_name: string }>(tablesQuery, [EXPECTED_TABLES]);
    expect(rows.map((row) => row.table_name).sort()).toEqual([...EXPECTED_TABLES].sort());
    expect(await applyPendingMigrations(db.factory)).toEqual({ applied: [] });
  }, TIMEOUT);
});
