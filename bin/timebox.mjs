#!/usr/bin/env node
// The `timebox` command (package.json "bin"): the CLI is TypeScript, run through tsx like the other scripts.
import { register } from 'tsx/esm/api';

register({ tsconfig: new URL('../tsconfig.json', import.meta.url).pathname });
const { run } = await import('../lib/cli/main.ts');
process.exitCode = await run(process.argv);
