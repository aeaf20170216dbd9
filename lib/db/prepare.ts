import type { AppConfig } from '@/lib/config/env';
import { seedDemo } from '@/lib/seed/seed-demo';
import { connectDatabase, targetFromConfig } from './client';
import { openDatabase } from './adapter';
import { applyPendingMigrations } from './migrate';
import { assertPostgresReachable } from './reachability';

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
  const handle = await openDatabase(url ? { kind: 'postgres', url } : { kind: 'pglite', dataDir: config.dataDir });
  try {
    return await applyPendingMigrations(handle.factory);
  } finally {
    await handle.close();
  }
}

/** What every start does before serving: reach the database, migrate it, and seed it when it is empty. */
export async function prepareDatabase(config: AppConfig, options: { seed: 'if-empty' | 'never' } = { seed: 'if-empty' }): Promise<PrepareResult> {
  if (config.DATABASE_URL) await assertPostgresReachable(config.DATABASE_URL);
  // With a migration role, migrate through its own connection; else through the one below (one PGlite open).
  const separate = config.DATABASE_MIGRATION_URL ? await migrateDatabase(config) : null;
  const database = await connectDatabase(targetFromConfig(config));
  try {
    const { applied } = separate ?? (await applyPendingMigrations(database.handle.factory));
    let seeded = false;
    if (options.seed === 'if-empty' && (await database.db.user.count()) === 0) {
      await seedDemo(database.db);
      seeded = true;
    }
    return { applied, seeded };
  } finally {
    await database.close();
  }
}
