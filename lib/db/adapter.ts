import { PGlite } from '@electric-sql/pglite';
import { PrismaPg } from '@prisma/adapter-pg';
import pg from 'pg';
import { PrismaPGlite } from 'pglite-prisma-adapter';
import type { SqlMigrationAwareDriverAdapterFactory } from '@prisma/driver-adapter-utils';
import { openPglite } from './pglite-open';
import { statementNames } from './statement-names';

export type DatabaseTarget = { kind: 'postgres'; url: string } | { kind: 'pglite'; dataDir: string } | { kind: 'pglite-memory'; loadDataDir?: Blob | File };

export interface OpenDatabase {
  factory: SqlMigrationAwareDriverAdapterFactory;
  /** Releases connections (PGlite: closes the in-process database). */
  close(): Promise<void>;
  /** The PGlite instance, when embedded (tests dump it as a template). */
  pglite?: PGlite;
  /** PostgreSQL: the node-postgres pool the adapter queries through (lib/db/pg-pool.ts says who else uses it). */
  pgPool?: pg.Pool;
}

/** One driver adapter for whichever database is configured; the rest of the app never knows which. */
export async function openDatabase(target: DatabaseTarget): Promise<OpenDatabase> {
  if (target.kind === 'postgres') {
    // The pool is made here rather than by the adapter so that a COPY can borrow a connection from the
    // same bounded pool; the adapter still ends it when the client disconnects, as it did its own.
    const pgPool = new pg.Pool({ connectionString: target.url, max: 10, connectionTimeoutMillis: 5_000 });
    // Named statements: PostgreSQL plans a statement once per connection instead of on every call (statement-names.ts).
    // The cast: past its cap the generator answers undefined, which node-postgres runs as an unnamed statement.
    const factory = new PrismaPg(pgPool, { disposeExternalPool: true, statementNameGenerator: statementNames() as (query: { sql: string }) => string });
    return { factory, pgPool, close: async () => {} };
  }
  let pglite: PGlite;
  if (target.kind === 'pglite') {
    pglite = await openPglite(target.dataDir);
  } else {
    pglite = await PGlite.create(target.loadDataDir ? { loadDataDir: target.loadDataDir } : {});
  }
  return { factory: new PrismaPGlite(pglite), pglite, close: () => pglite.close() };
}
