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
  if (compiledIsCurrent(root, bundle)) {
    try {
      return await import(pathToFileURL(path.join(bundle, 'timebox.mjs')).href);
    } catch {
      // Another command replaced the bundle between the check and the import (it removes the old one before
      // moving its own into place): compile or run through tsx below rather than fail the command.
    }
  }
  const { register } = await import('tsx/esm/api');
  register({ tsconfig: path.join(root, 'tsconfig.json') });
  try {
    // Compiled aside and moved into place whole, so a command started meanwhile never loads half a bundle.
    // When two compile at once, either may remove the other's: a command whose import then fails runs
    // through tsx (the catch below), as does one whose rename loses to a copy moved in meanwhile.
    const { compileBundle } = await import('../scripts/compile-bundle.ts');
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
