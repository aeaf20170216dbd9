// `npm run db:migration -- <name>`: writes prisma/migrations/<timestamp>_<name>/ from schema.prisma.
import path from 'node:path';
import { PROJECT_ROOT } from '../lib/db/migration-files';
import { MigrationNameError, SchemaEngineError, createMigration } from '../lib/db/migrate';

async function main(args: string[]): Promise<number> {
  if (args.length !== 1) {
    console.error('usage: npm run db:migration -- <name>   (letters, digits, dashes, underscores)');
    return 1;
  }
  const folder = await createMigration(args[0]!);
  console.log(folder ? `migrations: wrote ${path.relative(PROJECT_ROOT, folder)}/migration.sql` : 'schema.prisma matches the migrations; nothing to write');
  return 0;
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (error: unknown) => {
    if (error instanceof MigrationNameError) console.error(error.message);
    else if (error instanceof SchemaEngineError) console.error(`migrations: failed: ${error.message}`);
    else console.error(error);
    process.exit(1);
  },
);
