import crypto from 'node:crypto';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

// Inputs of the production build. When none of them changed since the last build, start skips it.
const sourceRoots = ['app', 'components', 'lib', 'public', 'proxy.ts', 'instrumentation.ts', 'next.config.js', 'postcss.config.mjs', 'package-lock.json', 'tsconfig.json'];
// lib/testing never reaches the build (ESLint forbids production code to import it), so editing it needs no rebuild.
const skip = new Set(['generated', 'node_modules', 'testing']);

function hashTree(hash: crypto.Hash, entry: string): void {
  let stat: fs.Stats;
  try {
    stat = fs.statSync(entry);
  } catch {
    return;
  }
  if (stat.isDirectory()) {
    for (const name of fs.readdirSync(entry).sort()) {
      if (!skip.has(name) && !name.endsWith('.test.ts')) hashTree(hash, path.join(entry, name));
    }
  } else {
    hash.update(entry).update('\0').update(fs.readFileSync(entry));
  }
}

export function sourceFingerprint(root: string): string {
  const hash = crypto.createHash('sha256');
  for (const entry of sourceRoots) hashTree(hash, path.join(root, entry));
  return hash.digest('hex');
}

/** Runs `next build` unless a build of exactly these sources exists in distDir. */
export function buildIfNeeded(root: string, distDir: string, env: NodeJS.ProcessEnv = process.env): 'built' | 'up-to-date' {
  const stamp = path.join(root, distDir, 'timebox-source.sha256');
  const fingerprint = sourceFingerprint(root);
  const hasBuild = fs.existsSync(path.join(root, distDir, 'BUILD_ID'));
  if (hasBuild && fs.existsSync(stamp) && fs.readFileSync(stamp, 'utf8') === fingerprint) return 'up-to-date';

  const nextBin = path.join(root, 'node_modules', 'next', 'dist', 'bin', 'next');
  const result = spawnSync(process.execPath, [nextBin, 'build'], {
    cwd: root,
    stdio: 'inherit',
    env: { ...env, NODE_ENV: 'production', TIMEBOX_DIST_DIR: distDir, NEXT_TELEMETRY_DISABLED: '1' },
  });
  if (result.status !== 0) throw new Error(`next build failed (exit ${result.status ?? result.signal})`);
  fs.writeFileSync(stamp, fingerprint);
  return 'built';
}
