import { PGlite } from '@electric-sql/pglite';
import { PrismaPg } from '@prisma/adapter-pg';
import { PrismaPGlite } from 'pglite-prisma-adapter';
import type { SqlMigrationAwareDriverAdapterFactory } from '@prisma/driver-adapter-utils';
import { openPglite } from './pglite-open';

export type DatabaseTarget = { kind: 'postgres'; url: string } | { kind: 'pglite'; dataDir: string } | { kind: 'pglite-memory'; loadDataDir?: Blob | File };

export interface OpenDatabase {
  factory: SqlMigrationAwareDriverAdapterFactory;
  /** Releases connections (PGlite: closes the in-process database). */
  close(): Promise<void>;
  /** The PGlite instance, when embedded (tests dump it as a template). */
  pglite?: PGlite;
}

/** One driver adapter for whichever database is configured; the rest of the app never knows which. */
export async function openDatabase(target: DatabaseTarget): Promise<OpenDatabase> {
  if (target.kind === 'postgres') {
    const factory = new PrismaPg({ connectionString: target.url, max: 10, connectionTimeoutMillis: 5_000 });
    return { factory, close: async () => {} };
  }
  let pglite: PGlite;
  if (target.kind === 'pglite') {
    pglite = await openPglite(target.dataDir);
  } else {
    pglite = await PGlite.create(target.loadDataDir ? { loadDataDir: target.loadDataDir } : {});
  }
  return { factory: new PrismaPGlite(pglite), pglite, close: () => pglite.close() };
}
