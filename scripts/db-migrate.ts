// `npm run db:migrate`: brings the configured database (PostgreSQL or embedded PGlite) up to date.
import { ConfigError, parseConfig } from '../lib/config/env';
import { SchemaEngineError } from '../lib/db/migrate';
import { migrateDatabase } from '../lib/db/prepare';

async function main(): Promise<number> {
  const config = parseConfig();
  // As the migration role when DATABASE_MIGRATION_URL is set (it owns the tables); else DATABASE_URL or PGlite.
  const { applied } = await migrateDatabase(config);
  console.log(applied.length === 0 ? 'migrations: database is up to date' : `migrations: applied ${applied.length} (${applied.join(', ')})`);
  return 0;
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
