import { fileURLToPath } from 'node:url';
import { buildIfNeeded } from './build-if-needed';
import { runCli } from './cli';
import { compileStart } from './compile-bundle';

// `npm run build`: the production build `npm start` serves, stamped with its sources' fingerprint so the
// start that follows finds it up to date instead of building again. Up to date already: nothing to do. Also
// compiles scripts/start.ts beside it (a second or so), so that start needs no tsx either.
runCli('build', async () => {
  const root = fileURLToPath(new URL('..', import.meta.url));
  const started = Date.now();
  const distDir = process.env.TIMEBOX_DIST_DIR ?? '.next';
  const outcome = buildIfNeeded(root, distDir);
  await compileStart(root, distDir);
  console.log(`build: ${outcome} (${((Date.now() - started) / 1000).toFixed(1)} s)`);
});
