import { fileURLToPath } from 'node:url';
import { buildIfNeeded } from './build-if-needed';
import { runCli } from './cli';

// `npm run build`: the production build `npm start` serves, stamped with its sources' fingerprint so the
// start that follows finds it up to date instead of building again. Up to date already: nothing to do.
runCli('build', async () => {
  const root = fileURLToPath(new URL('..', import.meta.url));
  const started = Date.now();
  const outcome = buildIfNeeded(root, process.env.TIMEBOX_DIST_DIR ?? '.next');
  console.log(`build: ${outcome} (${((Date.now() - started) / 1000).toFixed(1)} s)`);
});
