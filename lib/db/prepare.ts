import pg from 'pg';
import type { AppConfig } from '@/lib/config/env';
import { readDatabaseStatus, type DatabaseStatus } from './migration-status';
import { openPglite, pgliteExists } from './pglite-open';
import { assertPostgresReachable } from './reachability';

// Prisma's client, its schema engine and the seed are imported only when there is work for them: loading them
// took 8–12 s of a warm restart on a busy machine, where the status check below takes a fraction of a second.

export interface PrepareResult {
  applied: string[];
  seeded: boolean;
}

/**
 * Applies pending migrations as the migration role (DATABASE_MIGRATION_URL) when one is configured, so
 * the runtime role (DATABASE_URL) never needs to own the tables; else through DATABASE_URL or PGlite.
 */
export async function migrateDatabase(config: Pick<AppConfig, 'DATABASE_URL' | 'DATABASE_MIGRATION_URL' | 'dataDir'>): Promise<{ applied: string[] }> {
  const url = config.DATABASE_MIGRATION_URL ?? config.DATABASE_URL;
  if (config.DATABASE_MIGRATION_URL) await assertPostgresReachable(config.DATABASE_MIGRATION_URL);
  const [{ openDatabase }, { applyPendingMigrations }] = await Promise.all([import('./adapter'), import('./migrate')]);
  const handle = await openDatabase(url ? { kind: 'postgres', url } : { kind: 'pglite', dataDir: config.dataDir });
  try {
    return await applyPendingMigrations(handle.factory);
  } finally {
    await handle.close();
  }
}

/** The status over a plain connection: the migration role's when one is set (it owns the tables), else DATABASE_URL's or PGlite. */
async function readStatus(config: Pick<AppConfig, 'DATABASE_URL' | 'DATABASE_MIGRATION_URL' | 'dataDir'>): Promise<DatabaseStatus | null> {
  const url = config.DATABASE_MIGRATION_URL ?? config.DATABASE_URL;
  if (url) {
    const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 5_000 });
    try {
      await client.connect();
      return await readDatabaseStatus(async (sql) => (await client.query(sql)).rows);
    } catch {
      return null; // the engine path below connects again and reports the reason
    } finally {
      await client.end().catch(() => {});
    }
  }
  if (!pgliteExists(config.dataDir)) return null; // a fresh directory: everything is to do
  const pglite = await openPglite(config.dataDir);
  try {
    return await readDatabaseStatus(async (sql) => (await pglite.query<Record<string, unknown>>(sql)).rows);
  } finally {
    await pglite.close();
  }
}

/** What every start does before serving: reach the database, migrate it, and seed it when it is empty. */
export async function prepareDatabase(config: AppConfig, options: { seed: 'if-empty' | 'never' } = { seed: 'if-empty' }): Promise<PrepareResult> {
  if (config.DATABASE_URL) await assertPostgresReachable(config.DATABASE_URL);
  const status = await readStatus(config);
  const wantsSeed = options.seed === 'if-empty' && !status?.seeded;
  if (status?.migrated && !wantsSeed) return { applied: [], seeded: false };

  // With a migration role, migrate through its own connection; else through the one below (one PGlite open).
  const separate = config.DATABASE_MIGRATION_URL && !status?.migrated ? await migrateDatabase(config) : null;
  const [{ connectDatabase, targetFromConfig }, { applyPendingMigrations }, { seedDemo }] = await Promise.all([import('./client'), import('./migrate'), import('@/lib/seed/seed-demo')]);
  const database = await connectDatabase(targetFromConfig(config));
  try {
    const { applied } = status?.migrated ? { applied: [] } : (separate ?? (await applyPendingMigrations(database.handle.factory)));
    let seeded = false;
    // The status said empty (or could not tell before migrating): count again now that the tables exist.
    if (options.seed === 'if-empty' && (await database.db.user.count()) === 0) {
      await seedDemo(database.db);
      seeded = true;
    }
    return { applied, seeded };
  } finally {
    await database.close();
  }
}
