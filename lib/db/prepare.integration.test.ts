// A start's preparation: a fresh database is migrated and seeded, a prepared one is left alone (the cheap status
// check answers without the schema engine), and that check says "not migrated" for anything short of an exact
// match, so the engine still decides every pending, edited or failed migration.
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseConfig } from '@/lib/config/env';
import { useEmptyDatabase } from '@/lib/testing/empty-database';
import { requireServer } from '@/lib/testing/require-server';
import { openDatabase, type OpenDatabase } from './adapter';
import { applyPendingMigrations } from './migrate';
import { MIGRATIONS_DIR, readMigrationsList } from './migration-files';
import { readDatabaseStatus, type RunQuery } from './migration-status';
import { prepareDatabase } from './prepare';

const TIMEOUT = 180_000;
const secrets = { AUTH_SECRET: 'a'.repeat(32), AUDIT_SIGNING_KEY: 'b'.repeat(32) };
const committed = async () => (await readMigrationsList()).migrationDirectories.map((dir) => dir.path);

describe('the status check', () => {
  let db: OpenDatabase;
  let run: RunQuery;
  let copy: string;

  beforeAll(async () => {
    db = await openDatabase({ kind: 'pglite-memory' });
    run = async (sql) => (await db.pglite!.query<Record<string, unknown>>(sql)).rows;
    copy = await fs.mkdtemp(path.join(os.tmpdir(), 'timebox-status-'));
    await fs.cp(MIGRATIONS_DIR, copy, { recursive: true });
  }, TIMEOUT);
  afterAll(async () => {
    await db?.close();
    await fs.rm(copy, { recursive: true, force: true });
  });

  it('cannot tell before the first migration (no bookkeeping table): the engine decides', async () => {
    expect(await readDatabaseStatus(run)).toBeNull();
  });

  it('says migrated once every migration is applied, and seeded once a user exists', async () => {
    await applyPendingMigrations(db.factory);
    expect(await readDatabaseStatus(run)).toEqual({ migrated: true, seeded: false });
    await run(`INSERT INTO "User" (id, email, name, "updatedAt") VALUES (gen_random_uuid(), 'status@example.test', 'Status', now())`);
    expect(await readDatabaseStatus(run)).toEqual({ migrated: true, seeded: true });
  }, TIMEOUT);

  it('says not migrated when a folder is new', async () => {
    const extra = path.join(copy, '29990101000000_later');
    await fs.mkdir(extra);
    await fs.writeFile(path.join(extra, 'migration.sql'), 'SELECT 1;\n');
    try {
      expect((await readDatabaseStatus(run, copy))?.migrated).toBe(false);
    } finally {
      await fs.rm(extra, { recursive: true });
    }
    expect((await readDatabaseStatus(run, copy))?.migrated).toBe(true);
  });

  it('says not migrated when an applied file was edited, or a migration failed', async () => {
    const [first] = await committed();
    await fs.appendFile(path.join(copy, first!, 'migration.sql'), '-- edited\n');
    expect((await readDatabaseStatus(run, copy))?.migrated).toBe(false);
    expect((await readDatabaseStatus(run))?.migrated).toBe(true);
    await run(`INSERT INTO _prisma_migrations (id, checksum, migration_name, started_at, applied_steps_count) VALUES ('failed', 'x', '29990101000000_broken', now(), 0)`);
    expect((await readDatabaseStatus(run))?.migrated).toBe(false);
  });
});

describe('preparing the embedded database', () => {
  let dataDir: string;
  beforeAll(async () => {
    dataDir = await fs.mkdtemp(path.join(os.tmpdir(), 'timebox-prepare-'));
  });
  afterAll(() => fs.rm(dataDir, { recursive: true, force: true }));

  it('migrates and seeds a fresh one, then leaves it alone', async () => {
    const config = parseConfig({ NODE_ENV: 'production', TIMEBOX_DATA_DIR: dataDir, ...secrets });
    expect(await prepareDatabase(config)).toEqual({ applied: await committed(), seeded: true });
    expect(await prepareDatabase(config)).toEqual({ applied: [], seeded: false });
  }, TIMEOUT);
});

const serverUrl = process.env.TEST_DATABASE_URL || process.env.DATABASE_URL;

describe.runIf(requireServer('TEST_DATABASE_URL or DATABASE_URL', serverUrl))('preparing a PostgreSQL database', () => {
  const { url } = useEmptyDatabase(serverUrl!, 'timebox_prepare', TIMEOUT);

  it('migrates and seeds a fresh one, then leaves it alone', async () => {
    const config = parseConfig({ NODE_ENV: 'production', DATABASE_URL: url, ...secrets });
    expect(await prepareDatabase(config)).toEqual({ applied: await committed(), seeded: true });
    expect(await prepareDatabase(config)).toEqual({ applied: [], seeded: false });
  }, TIMEOUT);
});
