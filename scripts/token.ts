import { parseConfig } from '@/lib/config/env';
import { connectDatabase, targetFromConfig } from '@/lib/db/client';
import { assertPostgresReachable } from '@/lib/db/reachability';
import { defaultConnectors } from '@/lib/connectors/registry';
import { systemClock } from '@/lib/domain/clock';
import { runTokenCommand } from '@/lib/services/tokens/token-cli';
import { runCli } from './cli';

// `npm run token -- create|list|revoke …`: API tokens for a user, by the operator.
// `create` prints the secret alone on the last line of stdout; everything else goes to stderr.
runCli('token', async () => {
  const config = parseConfig();
  if (config.DATABASE_URL) await assertPostgresReachable(config.DATABASE_URL);
  const database = await connectDatabase(targetFromConfig(config));
  try {
    await runTokenCommand({ db: database.db, clock: systemClock, connectors: defaultConnectors() }, process.argv.slice(2), {
      info: (line) => console.error(line),
      result: (line) => console.log(line),
    });
  } finally {
    await database.close();
  }
});
