// "Is there anything to do?" for a start, answered by one SELECT and a hash of each migration file, so a warm
// restart loads neither Prisma's client nor its schema engine (seconds of WASM and module loading).
import crypto from 'node:crypto';
import fs from 'node:fs/promises';
import path from 'node:path';
import { MIGRATIONS_DIR, MIGRATION_FILE_NAME } from './migration-files';

/** Runs one statement and returns its rows (a pg client or a PGlite instance). */
export type RunQuery = (sql: string) => Promise<Record<string, unknown>[]>;

export interface DatabaseStatus {
  /** Every local migration is recorded as finished, with the checksum of its file, and none has failed. */
  migrated: boolean;
  /** At least one user exists (the demo seed runs only on an empty database). */
  seeded: boolean;
}

interface RecordedMigration {
  name: string;
  checksum: string;
  finished: boolean;
  rolledBack: boolean;
}

// Prisma's own bookkeeping table (as `prisma migrate deploy` reads it) and the table the seed checks.
const STATUS_QUERY = `SELECT
  (SELECT coalesce(json_agg(json_build_object('name', migration_name, 'checksum', checksum, 'finished', finished_at IS NOT NULL, 'rolledBack', rolled_back_at IS NOT NULL)), '[]'::json)
     FROM _prisma_migrations) AS migrations,
  EXISTS (SELECT 1 FROM "User") AS seeded`;

/** Folder name → sha256 of its migration.sql (Prisma's checksum); null when a folder has no readable file. */
async function localChecksums(dir: string): Promise<Map<string, string> | null> {
  try {
    const entries = await fs.readdir(dir, { withFileTypes: true });
    const folders = entries.filter((entry) => entry.isDirectory()).map((entry) => entry.name);
    const sums = await Promise.all(folders.map(async (folder) => [folder, crypto.createHash('sha256').update(await fs.readFile(path.join(dir, folder, MIGRATION_FILE_NAME))).digest('hex')] as const));
    return new Map(sums);
  } catch {
    return null;
  }
}

/**
 * What the database needs before serving. Null when it cannot be told cheaply (no `_prisma_migrations` or
 * `User` table yet, no right to read them, an unreadable migration folder): the caller then asks the schema
 * engine, which also reports whatever is wrong. Anything short of an exact match (a pending, edited or failed
 * migration) reads as not migrated, so the engine decides every case that is not plainly "nothing to do".
 */
export async function readDatabaseStatus(run: RunQuery, migrationsDir: string = MIGRATIONS_DIR): Promise<DatabaseStatus | null> {
  const [rows, local] = await Promise.all([run(STATUS_QUERY).catch(() => null), localChecksums(migrationsDir)]);
  const row = rows?.[0];
  if (!row || !local) return null;
  const recorded = row.migrations as RecordedMigration[];
  const done = new Map(recorded.filter((m) => m.finished && !m.rolledBack).map((m) => [m.name, m.checksum]));
  const failed = recorded.some((m) => !m.finished && !m.rolledBack);
  const migrated = !failed && [...local].every(([name, checksum]) => done.get(name) === checksum);
  return { migrated, seeded: row.seeded === true };
}
