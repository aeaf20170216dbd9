import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { build, type Plugin } from 'esbuild';

// scripts/start.ts compiled to plain JavaScript, so `npm start` prepares without tsx (which starts a second
// Node process and esbuild: 3–4 s of a warm restart on a busy machine). Written next to the build it belongs
// to, with the hash of every source file it was made from: scripts/start.mjs runs it only while they all
// match, and otherwise runs start.ts under tsx, which compiles it again.

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

const sha256 = (file: string) => crypto.createHash('sha256').update(fs.readFileSync(file)).digest('hex');

/** Compiles scripts/start.ts into `<distDir>/timebox-start/` (entry `start.mjs`; Prisma and the seed in chunks loaded on demand). */
export async function compileStart(root: string, distDir: string): Promise<void> {
  const outdir = path.join(root, distDir, COMPILED_DIR);
  fs.rmSync(outdir, { recursive: true, force: true });
  const result = await build({
    absWorkingDir: root,
    entryPoints: { start: 'scripts/start.ts' },
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
  const manifest = { root, inputs: Object.fromEntries(inputs.map((file) => [file, sha256(path.join(root, file))])) };
  fs.writeFileSync(path.join(outdir, MANIFEST), JSON.stringify(manifest));
}
