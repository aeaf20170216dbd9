import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseConfig } from '@/lib/config/env';
import { prepareDatabase } from '@/lib/db/prepare';
import { healthUrl, startBanner } from '@/lib/server/start-banner';
import { announceWhenReady } from './announce-when-ready';
import { buildIfNeeded } from './build-if-needed';
import { turnOnDemoSignIn } from './demo-sign-in';
import { runCli } from './cli';
import { runNext } from './serve';

// Check the configuration, build if the sources changed, migrate, seed an empty database, serve.
// `npm start` runs it through scripts/start.mjs with TIMEBOX_START_PLAN set: then it prepares only, writes
// how to serve to that file and exits, so this process (tsx, esbuild, Prisma) does not live beside the
// server; the small launcher starts Next.js. The launcher runs the compiled copy of this file (compile-bundle.ts)
// while it matches its sources. Run directly (tests, e2e), it serves itself as before.
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
  const planFile = process.env.TIMEBOX_START_PLAN;
  if (planFile) {
    const serveEnv: NodeJS.ProcessEnv = { NEXT_TELEMETRY_DISABLED: '1', ...env };
    delete serveEnv.TIMEBOX_START_PLAN;
    delete serveEnv.TIMEBOX_START_COMPILE;
    const plan = {
      nextBin: path.join(root, 'node_modules', 'next', 'dist', 'bin', 'next'),
      cwd: root,
      args: ['start', '--port', String(config.PORT), '--hostname', config.TIMEBOX_LISTEN_HOST],
      env: serveEnv,
      healthUrl: healthUrl(config.TIMEBOX_LISTEN_HOST, config.PORT),
      banner: startBanner({ url, embedded: config.embedded, devLogin: config.devLogin }),
    };
    // Owner-only: the environment it carries may hold secrets (AUTH_SECRET, DATABASE_URL).
    fs.writeFileSync(planFile, JSON.stringify(plan), { mode: 0o600 });
    // The launcher found no current compiled copy of this file: make one, so the next start needs no tsx.
    if (process.env.TIMEBOX_START_COMPILE) {
      const { compileStart } = await import('./compile-bundle');
      await compileStart(root, distDir).catch((error: unknown) => console.warn(`start: could not compile scripts/start.ts (the next start uses tsx again): ${error instanceof Error ? error.message : String(error)}`));
    }
    return;
  }
  let exited = false;
  const served = runNext(root, 'start', { port: config.PORT, host: config.TIMEBOX_LISTEN_HOST, env }).finally(() => (exited = true));
  // Once it answers, say where to go (Next.js's "Ready" names only the port).
  void announceWhenReady({ host: config.TIMEBOX_LISTEN_HOST, port: config.PORT }, { url, embedded: config.embedded, devLogin: config.devLogin }, () => exited);
  return served;
});
