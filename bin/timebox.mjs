#!/usr/bin/env node
// The `timebox` command (package.json "bin"). The CLI is TypeScript (lib/cli/); it runs from a bundle that
// esbuild compiles once into node_modules/.cache/timebox-cli and again whenever a source it was made from
// changes (scripts/compiled-current.mjs decides), because starting through tsx cost ~1 s of CPU on every
// command — during an incident, at every `timebox request`. Where that folder cannot be written, the CLI
// runs through tsx as before.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { compiledIsCurrent } from '../scripts/compiled-current.mjs';

const root = fileURLToPath(new URL('..', import.meta.url));
const bundle = path.join(root, 'node_modules', '.cache', 'timebox-cli');

async function loadCli() {
  if (compiledIsCurrent(root, bundle)) return import(pathToFileURL(path.join(bundle, 'timebox.mjs')).href);
  const { register } = await import('tsx/esm/api');
  register({ tsconfig: path.join(root, 'tsconfig.json') });
  try {
    // Compiled aside and moved into place whole, so a command started meanwhile never loads half a bundle;
    // when two compile at once, the one that lands second keeps its copy aside and uses the first's.
    const { compileBundle } = await import('../scripts/compile-start.ts');
    const aside = `${bundle}-${process.pid}`;
    await compileBundle(root, aside, { timebox: 'lib/cli/main.ts' });
    fs.rmSync(bundle, { recursive: true, force: true });
    try {
      fs.renameSync(aside, bundle);
    } catch {
      fs.rmSync(aside, { recursive: true, force: true });
    }
    return await import(pathToFileURL(path.join(bundle, 'timebox.mjs')).href);
  } catch {
    return import('../lib/cli/main.ts');
  }
}

// `timebox grants list | head -1`: a reader that stops reading is not an error worth a stack trace.
process.stdout.on('error', (error) => {
  if (error.code === 'EPIPE') process.exit(process.exitCode ?? 0);
  throw error;
});
const { run } = await loadCli();
process.exitCode = await run(process.argv);
