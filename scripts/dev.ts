import { fileURLToPath } from 'node:url';
import { parseConfig } from '@/lib/config/env';
import { prepareDatabase } from '@/lib/db/prepare';
import { runCli } from './cli';
import { runNext } from './serve';

// `npm run dev`: like start, with hot reload and no production build.
runCli('dev', async () => {
  const config = parseConfig();
  const root = fileURLToPath(new URL('..', import.meta.url));
  await prepareDatabase(config);
  const env = { ...process.env, NEXTAUTH_URL: config.NEXTAUTH_URL ?? `http://localhost:${config.PORT}` };
  return runNext(root, 'dev', { port: config.PORT, host: config.TIMEBOX_LISTEN_HOST, env });
});
