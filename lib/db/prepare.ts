import type { AppConfig } from '@/lib/config/env';
import { seedDemo } from '@/lib/seed/seed-demo';
import { connectDatabase, targetFromConfig } from './client';
import { applyPendingMigrations } from './migrate';
import { assertPostgresReachable } from './reachability';

export interface PrepareResult {
  applied: string[];
  seeded: boolean;
}

/** What every start does before serving: reach the database, migrate it, and seed it when it is empty. */
export async function prepareDatabase(config: AppConfig, options: { seed: 'if-empty' | 'never' } = { seed: 'if-empty' }): Promise<PrepareResult> {
  if (config.DATABASE_URL) await assertPostgresReachable(config.DATABASE_URL);
  const database = await connectDatabase(targetFromConfig(config));
  try {
    const { applied } = await applyPendingMigrations(database.handle.factory);
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
