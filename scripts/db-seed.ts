import { parseConfig } from '@/lib/config/env';
import { connectDatabase, targetFromConfig } from '@/lib/db/client';
import { assertPostgresReachable } from '@/lib/db/reachability';
import { seedDemo } from '@/lib/seed/seed-demo';
import { runCli } from './cli';

runCli('db:seed', async () => {
  const config = parseConfig();
  if (config.DATABASE_URL) await assertPostgresReachable(config.DATABASE_URL);
  const database = await connectDatabase(targetFromConfig(config));
  try {
    const { created } = await seedDemo(database.db);
    console.log(created.length ? `seed: created ${created.length} (${created.join(', ')})` : 'seed: the demo organisation is already there; nothing changed');
  } finally {
    await database.close();
  }
});
