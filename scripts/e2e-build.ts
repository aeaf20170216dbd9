import { fileURLToPath } from 'node:url';
import { e2eDistDir } from '../e2e/dist-dir';
import { buildIfNeeded } from './build-if-needed';
import { compileStart } from './compile-bundle';
import { runCli } from './cli';

// The e2e tier's production build on its own, so `npm test` can build while typecheck, lint and the unit
// tier run (they use one core each; the build uses the rest). `npm run test:e2e` then finds it up to date.
// Like `npm run build`, it compiles scripts/start.ts beside the build: the e2e server is started the way
// `npm start` starts one after a build.
runCli('e2e build', async () => {
  const root = fileURLToPath(new URL('..', import.meta.url));
  const started = Date.now();
  const outcome = buildIfNeeded(root, e2eDistDir());
  await compileStart(root, e2eDistDir());
  console.log(`e2e build: ${outcome} (${((Date.now() - started) / 1000).toFixed(1)} s)`);
});
