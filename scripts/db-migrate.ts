// `npm run db:migrate`: brings the configured database (PostgreSQL or embedded PGlite) up to date.
import { ConfigError, parseConfig } from '../lib/config/env';
import { openDatabase, type DatabaseTarget } from '../lib/db/adapter';
import { SchemaEngineError, applyPendingMigrations } from '../lib/db/migrate';

async function main(): Promise<number> {
  const config = parseConfig();
  const target: DatabaseTarget = config.DATABASE_URL ? { kind: 'postgres', url: config.DATABASE_URL } : { kind: 'pglite', dataDir: config.dataDir };
  const db = await openDatabase(target);
  try {
    const { applied } = await applyPendingMigrations(db.factory);
    console.log(applied.length === 0 ? 'migrations: database is up to date' : `migrations: applied ${applied.length} (${applied.join(', ')})`);
    return 0;
  } finally {
    await db.close();
  }
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    // Expected failures get one line; anything else keeps its stack for debugging.
    if (error instanceof ConfigError) console.error(`Configuration error: ${error.message}`);
    else if (error instanceof SchemaEngineError) console.error(`migrations: failed: ${error.message.replace(/\s*\n\s*/g, ' ')}`);
    else console.error(error);
    process.exit(1);
  },
);
