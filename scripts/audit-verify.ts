// `npm run audit:verify [-- --anchor <chainIndex>:<hash>]`: seals what is committed, walks the audit
// hash chain and prints the result as JSON. Exit 0 when intact, 1 when broken (or on error).
import { parseArgs } from 'node:util';
import { verifyChain } from '@/lib/audit/verify';
import { parseConfig } from '@/lib/config/env';
import { connectDatabase, targetFromConfig } from '@/lib/db/client';
import { assertPostgresReachable } from '@/lib/db/reachability';
import { runCli } from './cli';

runCli('audit:verify', async () => {
  const { values } = parseArgs({ options: { anchor: { type: 'string' } } });
  let anchor;
  if (values.anchor !== undefined) {
    const match = /^(\d{1,19}):([0-9a-f]{64})$/.exec(values.anchor);
    if (!match) throw new Error('--anchor must be <chainIndex>:<hash>, as an earlier verify printed its head');
    anchor = { chainIndex: BigInt(match[1]!), hash: match[2]! };
  }
  const config = parseConfig();
  if (config.DATABASE_URL) await assertPostgresReachable(config.DATABASE_URL);
  const database = await connectDatabase(targetFromConfig(config));
  try {
    const result = await verifyChain(database.db, { anchor });
    console.log(JSON.stringify(result));
    return result.ok ? 0 : 1;
  } finally {
    await database.close();
  }
});
