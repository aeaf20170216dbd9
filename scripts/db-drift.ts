// `npm run db:drift` (part of `npm test`): fails when schema.prisma changed without a migration.
import { SchemaEngineError, diffMigrationsToSchema } from '../lib/db/migrate';

async function main(): Promise<number> {
  const sql = await diffMigrationsToSchema();
  if (sql === '') {
    console.log('migrations: schema.prisma and prisma/migrations agree');
    return 0;
  }
  console.error('migrations: schema.prisma differs from prisma/migrations; run `npm run db:migration -- <name>`. Missing SQL:\n');
  console.error(sql);
  return 1;
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    if (error instanceof SchemaEngineError) console.error(`migrations: drift check failed: ${error.message}`);
    else console.error(error);
    process.exit(1);
  },
);
