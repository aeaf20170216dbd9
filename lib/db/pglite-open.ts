import fs from 'node:fs';
import path from 'node:path';
import { PGlite } from '@electric-sql/pglite';

const pgliteDir = (dataDir: string) => path.join(dataDir, 'pglite');

/** The embedded database under `<dataDir>/pglite`, created on first use. Apart from adapter.ts so a start's status check opens it without loading Prisma's adapters. */
export async function openPglite(dataDir: string): Promise<PGlite> {
  const dir = pgliteDir(dataDir);
  fs.mkdirSync(dir, { recursive: true });
  return PGlite.create(dir);
}

/** Whether initdb already ran there (opening a fresh directory costs seconds: a status check skips it). */
export function pgliteExists(dataDir: string): boolean {
  return fs.existsSync(path.join(pgliteDir(dataDir), 'PG_VERSION'));
}
