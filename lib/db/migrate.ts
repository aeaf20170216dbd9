// Applying, checking and writing migrations with the WASM schema engine (no Prisma CLI needed).
import fs from 'node:fs/promises';
import path from 'node:path';
import type { SqlMigrationAwareDriverAdapterFactory } from '@prisma/driver-adapter-utils';
import type { SchemaEngine } from '@prisma/schema-engine-wasm';
import { openDatabase, type OpenDatabase } from './adapter';
import {
  LOCKFILE_CONTENT,
  LOCKFILE_NAME,
  MIGRATIONS_DIR,
  MIGRATION_FILE_NAME,
  isValidMigrationName,
  migrationFolderName,
  readMigrationsList,
  readSchemaText,
} from './migration-files';
import { SchemaEngineError, createSchemaEngine, toEngineError } from './schema-engine';

// Timebox has no externally managed tables or enums.
const NO_FILTERS = { externalTables: [], externalEnums: [] };
// What the engine prints for a diff with no steps.
const EMPTY_MIGRATION = '-- This is an empty migration.';

/** Runs `job` on a fresh engine over `factory`, always freeing it; engine errors become SchemaEngineError. */
async function withEngine<T>(schemaText: string, factory: SqlMigrationAwareDriverAdapterFactory, job: (engine: SchemaEngine) => Promise<T>): Promise<T> {
  const handle = await createSchemaEngine(schemaText, factory);
  try {
    return await job(handle.engine);
  } catch (error) {
    throw toEngineError(error);
  } finally {
    await handle.dispose();
  }
}

/**
 * Applies the migrations in prisma/migrations that the database has not recorded yet (Prisma's
 * `_prisma_migrations` table, as `prisma migrate deploy` does). Idempotent.
 */
export async function applyPendingMigrations(factory: SqlMigrationAwareDriverAdapterFactory, migrationsDir: string = MIGRATIONS_DIR): Promise<{ applied: string[] }> {
  const [schemaText, migrationsList] = await Promise.all([readSchemaText(), readMigrationsList(migrationsDir)]);
  const output = await withEngine(schemaText, factory, (engine) => engine.applyMigrations({ migrationsList, filters: NO_FILTERS }));
  return { applied: output.appliedMigrationNames };
}

/**
 * The SQL that takes a database built from prisma/migrations (or `migrationsDir`) to `schemaText`
 * (default: schema.prisma). Empty string when they agree.
 *
 * The migrations are replayed into an in-memory PGlite. Not a real PostgreSQL: PrismaPg's shadow
 * connection reuses the connection string, which wins over the shadow database name, so the replay
 * would land in the main database. The main and shadow connections share one PGlite here: a diff
 * never touches the main database, and a second PGlite would cost another initdb (seconds).
 */
export async function diffMigrationsToSchema(schemaText?: string, migrationsDir: string = MIGRATIONS_DIR): Promise<string> {
  const [target, migrationsList] = await Promise.all([schemaText ?? readSchemaText(), readMigrationsList(migrationsDir)]);
  // The engine takes the SQL dialect from the lockfile; before the first migration there is none yet.
  migrationsList.lockfile.content ??= LOCKFILE_CONTENT;
  const scratch = await openScratchDatabase();
  try {
    const factory: SqlMigrationAwareDriverAdapterFactory = {
      provider: scratch.factory.provider,
      adapterName: scratch.factory.adapterName,
      connect: () => scratch.factory.connect(),
      connectToShadowDb: () => scratch.factory.connect(),
    };
    const result = await withEngine(target, factory, (engine) =>
      engine.diff({
        from: { tag: 'migrations', ...migrationsList },
        to: { tag: 'schemaDatamodel', files: [{ path: 'schema.prisma', content: target }] },
        script: true,
        exitCode: null,
        filters: NO_FILTERS,
      }),
    );
    return normaliseDiff(result.stdout ?? '');
  } finally {
    await scratch.close();
  }
}

// A fresh PGlite runs initdb (seconds); loading a dump of one is several times faster. Kept per
// process so tests and repeated diffs pay initdb once.
let blankPglite: Promise<Blob> | undefined;

async function openScratchDatabase(): Promise<OpenDatabase> {
  const template = await blankPglite?.catch(() => undefined);
  if (template) return openDatabase({ kind: 'pglite-memory', loadDataDir: template });
  const db = await openDatabase({ kind: 'pglite-memory' });
  if (db.pglite) {
    // Dumped before the engine writes anything, so the template stays blank.
    const dump = db.pglite.dumpDataDir('none');
    blankPglite = dump;
    await dump.catch(() => {
      blankPglite = undefined; // only an optimisation: fall back to initdb next time
    });
  }
  return db;
}

function normaliseDiff(sql: string): string {
  const trimmed = sql.trim();
  return trimmed === '' || trimmed === EMPTY_MIGRATION ? '' : `${trimmed}\n`;
}

/** Thrown for a migration name `prisma migrate dev` would not accept as a folder name. */
export class MigrationNameError extends Error {
  constructor(name: string) {
    super(`invalid migration name "${name}": use letters, digits, dashes and underscores (e.g. add_api_tokens)`);
    this.name = 'MigrationNameError';
  }
}

export interface CreateMigrationOptions {
  /** Target schema instead of prisma/schema.prisma (tests). */
  schemaText?: string;
  /** Folder instead of prisma/migrations, read for history and written to (tests). */
  migrationsDir?: string;
  now?: Date;
}

/**
 * Writes prisma/migrations/<timestamp>_<name>/migration.sql with the SQL from the migrations to
 * schema.prisma. Returns the new folder, or null when nothing changed.
 */
export async function createMigration(name: string, options: CreateMigrationOptions = {}): Promise<string | null> {
  if (!isValidMigrationName(name)) throw new MigrationNameError(name);
  const dir = options.migrationsDir ?? MIGRATIONS_DIR;
  const sql = await diffMigrationsToSchema(options.schemaText, dir);
  if (sql === '') return null;
  const folder = path.join(dir, migrationFolderName(name, options.now));
  await fs.mkdir(dir, { recursive: true });
  // Non-recursive: two migrations in the same second must not overwrite each other.
  await fs.mkdir(folder);
  await fs.writeFile(path.join(folder, MIGRATION_FILE_NAME), sql);
  // `wx`: keep an existing lockfile as it is.
  await fs.writeFile(path.join(dir, LOCKFILE_NAME), LOCKFILE_CONTENT, { flag: 'wx' }).catch((error: NodeJS.ErrnoException) => {
    if (error.code !== 'EEXIST') throw error;
  });
  return folder;
}

export { SchemaEngineError };
