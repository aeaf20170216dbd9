import { spawnSync } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { chooseChromium } from '../e2e/browser';
import { e2eDistDir } from '../e2e/dist-dir';
import { portalServerCount, storageEnv } from '../e2e/portal-servers';
import { withDatabase } from '@/lib/testing/test-target';
import { buildIfNeeded } from './build-if-needed';
import { runCli } from './cli';

// `npm run test:e2e`: Playwright against a production build on a database of its own —
// one server per worker, each on a fresh PGlite directory or a throw-away database on the server DATABASE_URL names.
runCli('e2e', async () => {
  const browser = chooseChromium();
  if (browser.source === 'none') throw new Error(browser.help);
  const root = fileURLToPath(new URL('..', import.meta.url));
  const env: NodeJS.ProcessEnv = { ...process.env };
  // One portal server per worker, each with storage of its own (e2e/portal-servers.ts).
  const dataDirs = Array.from({ length: portalServerCount(env) }, () => fs.mkdtempSync(path.join(os.tmpdir(), 'timebox-e2e-')));

  let databaseUrls: string[] = [];
  let dropDatabases: (() => Promise<void>) | undefined;
  if (process.env.DATABASE_URL) {
    const names = dataDirs.map(() => `timebox_e2e_${crypto.randomBytes(4).toString('hex')}`);
    const admin = new pg.Client({ connectionString: process.env.DATABASE_URL });
    await admin.connect();
    const created: string[] = [];
    dropDatabases = async () => {
      for (const name of created) await admin.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
      await admin.end();
    };
    try {
      for (const name of names) {
        await admin.query(`CREATE DATABASE "${name}"`);
        created.push(name);
      }
    } catch (error) {
      // A later CREATE failed: the databases and folders already made go too (the run's finally is not reached).
      await dropDatabases();
      for (const dataDir of dataDirs) fs.rmSync(dataDir, { recursive: true, force: true });
      throw error;
    }
    databaseUrls = names.map((name) => withDatabase(process.env.DATABASE_URL!, name));
    env.AUTH_SECRET ??= crypto.randomBytes(32).toString('hex');
    // The server runs in production mode, where PostgreSQL needs an audit key from the environment.
    env.AUDIT_SIGNING_KEY ??= crypto.randomBytes(32).toString('hex');
  }
  Object.assign(env, storageEnv(dataDirs.map((dataDir, index) => ({ dataDir, databaseUrl: databaseUrls[index] }))));
  console.log(`e2e: Chromium from ${browser.source === 'system' ? browser.executablePath : 'Playwright'}; ${dataDirs.length} servers, each on a throw-away ${databaseUrls.length ? 'PostgreSQL database' : 'PGlite folder'}`);

  try {
    // Build here, with no time limit, rather than inside Playwright's webServer: on a busy machine the build
    // alone can outlast any start-up timeout. The server then finds the build up to date.
    const started = Date.now();
    const build = buildIfNeeded(root, e2eDistDir(), env);
    console.log(`e2e: build ${build} (${((Date.now() - started) / 1000).toFixed(1)} s)`);
    const playwright = path.join(root, 'node_modules', '@playwright', 'test', 'cli.js');
    const result = spawnSync(process.execPath, [playwright, 'test', ...process.argv.slice(2)], { cwd: root, stdio: 'inherit', env });
    return result.status ?? 1;
  } finally {
    await dropDatabases?.();
    for (const dataDir of dataDirs) fs.rmSync(dataDir, { recursive: true, force: true });
  }
});
