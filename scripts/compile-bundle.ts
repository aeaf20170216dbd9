import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { build, type Plugin } from 'esbuild';

// Our TypeScript entry points compiled to plain JavaScript, so they run without tsx (which starts a second
// Node process and esbuild: 3–4 s of a warm restart on a busy machine, ~1 s of CPU per CLI command): the
// preparation `npm start` runs (scripts/start.ts, next to the build it belongs to) and the `timebox` CLI
// (bin/timebox.mjs). Each bundle is written with the hash, size and mtime of every source file it was made
// from; scripts/compiled-current.mjs trusts it only while they all match, and otherwise the caller runs the
// sources under tsx and compiles again.

export const COMPILED_DIR = 'timebox-start';
export const MANIFEST = 'inputs.json';

/**
 * Our code finds files from its own location (`new URL('..', import.meta.url)`: the project root, the
 * migrations, Prisma's WASM). Bundled, that location would be the bundle's, so each file keeps its own.
 */
function keepModuleUrls(root: string): Plugin {
  return {
    name: 'keep-module-urls',
    setup(compiler) {
      compiler.onLoad({ filter: /\.ts$/ }, async (args) => {
        if (!args.path.startsWith(root) || args.path.includes(`${path.sep}node_modules${path.sep}`)) return undefined;
        const source = await fs.promises.readFile(args.path, 'utf8');
        return { contents: source.replaceAll('import.meta.url', JSON.stringify(pathToFileURL(args.path).href)), loader: 'ts' };
      });
    },
  };
}

/** What the manifest holds of one source: its content's sha256, and the size and mtime that let start.mjs skip hashing it. */
export interface ManifestInput {
  sha256: string;
  size: number;
  mtimeMs: number;
}

export interface Manifest {
  root: string;
  /** When the sources were recorded: a file modified within a second before it is hashed whatever its mtime. */
  recordedAt: number;
  inputs: Record<string, ManifestInput>;
}

/** The manifest of `files` (relative to `root`) as they are on disk now. */
export function manifestOf(root: string, files: readonly string[]): Manifest {
  const recordedAt = Date.now();
  const inputs = files.map((file): [string, ManifestInput] => {
    const absolute = path.join(root, file);
    // Stat before reading: a write in between then leaves a newer mtime than the one recorded, which start.mjs
    // notices and hashes; the other way round, the recorded mtime would vouch for content never hashed.
    const { mtimeMs } = fs.statSync(absolute);
    const content = fs.readFileSync(absolute);
    return [file, { sha256: crypto.createHash('sha256').update(content).digest('hex'), size: content.length, mtimeMs }];
  });
  return { root, recordedAt, inputs: Object.fromEntries(inputs) };
}

/** Compiles one entry (`name` → source) into `outdir`, as `<name>.mjs` plus chunks, with the manifest of every source it read. */
export async function compileBundle(root: string, outdir: string, entry: Record<string, string>): Promise<void> {
  fs.rmSync(outdir, { recursive: true, force: true });
  const result = await build({
    absWorkingDir: root,
    entryPoints: entry,
    outdir,
    outExtension: { '.js': '.mjs' },
    bundle: true,
    splitting: true,
    format: 'esm',
    platform: 'node',
    target: 'node20',
    packages: 'external',
    tsconfig: 'tsconfig.json',
    metafile: true,
    logLevel: 'warning',
    plugins: [keepModuleUrls(root)],
  });
  const inputs = [...Object.keys(result.metafile.inputs), 'tsconfig.json'].sort();
  fs.writeFileSync(path.join(outdir, MANIFEST), JSON.stringify(manifestOf(root, inputs)));
}

/** Compiles scripts/start.ts into `<distDir>/timebox-start/` (entry `start.mjs`; Prisma and the seed in chunks loaded on demand). */
export const compileStart = (root: string, distDir: string) => compileBundle(root, path.join(root, distDir, COMPILED_DIR), { start: 'scripts/start.ts' });
