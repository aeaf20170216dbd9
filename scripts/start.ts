import { fileURLToPath } from 'node:url';
import { parseConfig } from '@/lib/config/env';
import { prepareDatabase } from '@/lib/db/prepare';
import { announceWhenReady } from './announce-when-ready';
import { buildIfNeeded } from './build-if-needed';
import { turnOnDemoSignIn } from './demo-sign-in';
import { runCli } from './cli';
import { runNext } from './serve';

// `npm start`: check the configuration, build if the sources changed, migrate, seed an empty database, serve.
runCli('start', async () => {
  const started = Date.now();
  // The served process runs in production mode; parse the config as it will see it.
  (process.env as Record<string, string | undefined>).NODE_ENV ??= 'production';
  if (turnOnDemoSignIn(process.env)) console.log('start: embedded demo on loopback: demo sign-in is on (AUTH_DEV_LOGIN=false turns it off)');
  const config = parseConfig();
  const root = fileURLToPath(new URL('..', import.meta.url));
  const distDir = process.env.TIMEBOX_DIST_DIR ?? '.next';

  // Database first: a wrong DATABASE_URL should fail in seconds, not after a build.
  const { applied, seeded } = await prepareDatabase(config);
  const build = buildIfNeeded(root, distDir);
  console.log(
    `start: ${config.embedded ? `embedded database in ${config.dataDir}` : 'PostgreSQL from DATABASE_URL'}; build ${build}; ` +
      `${applied.length ? `applied ${applied.length} migration(s)` : 'migrations up to date'}${seeded ? '; seeded the demo organisation' : ''} ` +
      `(${((Date.now() - started) / 1000).toFixed(1)} s)`,
  );

  const url = config.NEXTAUTH_URL ?? `http://localhost:${config.PORT}`;
  const env = { ...process.env, TIMEBOX_DIST_DIR: distDir, NEXTAUTH_URL: url };
  let exited = false;
  const served = runNext(root, 'start', { port: config.PORT, host: config.TIMEBOX_LISTEN_HOST, env }).finally(() => (exited = true));
  // Once it answers, say where to go (Next.js's "Ready" names only the port).
  void announceWhenReady({ host: config.TIMEBOX_LISTEN_HOST, port: config.PORT }, { url, embedded: config.embedded, devLogin: config.devLogin }, () => exited);
  return served;
});
