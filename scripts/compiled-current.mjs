// Plain Node (no tsx): whether a bundle written by scripts/compile-bundle.ts was made here from exactly the
// sources now on disk. Used by the two entry points that run such a bundle: `npm start` (scripts/start.mjs)
// and the `timebox` command (bin/timebox.mjs).
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';

/**
 * Whether the bundle in `dir` was made under `root` from exactly the sources now on disk. A source whose size
 * and mtime are those recorded is taken as unchanged without reading it; any other is hashed, and its content
 * decides (a `touch` or a checkout that rewrote the same bytes keeps the bundle). Except a source modified
 * within a second before the manifest was recorded: it could have changed again within the same mtime tick,
 * so it is always hashed (git's "racily clean" files).
 */
export function compiledIsCurrent(root, dir) {
  try {
    const manifest = JSON.parse(fs.readFileSync(path.join(dir, 'inputs.json'), 'utf8'));
    if (manifest.root !== root) return false;
    return Object.entries(manifest.inputs).every(([file, recorded]) => {
      const absolute = path.join(root, file);
      const { size, mtimeMs } = fs.statSync(absolute);
      if (size !== recorded.size) return false;
      if (mtimeMs === recorded.mtimeMs && mtimeMs < manifest.recordedAt - 1000) return true;
      return crypto.createHash('sha256').update(fs.readFileSync(absolute)).digest('hex') === recorded.sha256;
    });
  } catch {
    return false;
  }
}
