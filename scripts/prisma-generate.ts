// `prisma generate` needs no network, but the CLI insists on finding its native schema engine first,
// which cannot be downloaded here. Pointing the check at any existing file silences it; generation is WASM.
import { spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const env = { ...process.env };
env.PRISMA_SCHEMA_ENGINE_BINARY ??= process.execPath;
env.PRISMA_HIDE_UPDATE_MESSAGE = '1';
const cli = require.resolve('prisma/build/index.js');
const result = spawnSync(process.execPath, [cli, 'generate'], { stdio: ['ignore', 'inherit', 'inherit'], env });
process.exit(result.status ?? 1);
