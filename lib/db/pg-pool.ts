import type pg from 'pg';
import { processWide } from '@/lib/process-wide';
import type { Db } from './client';

// The node-postgres pool behind a PostgreSQL client, for the few jobs Prisma cannot do: today the audit
// export's `COPY … TO STDOUT`, which streams through a connection's socket with backpressure. Keyed by the
// client so services keep taking one `db` (tests and the bench build their own); PGlite has no pool.

// Process-wide: the server's one client is shared through globalThis (client.ts), and a module-level map
// filled by the route that opened it was empty in every other route's copy of this module, so the audit
// export never found its pool and never used COPY in the server.
const pools = processWide('pgPools', () => new WeakMap<Db, pg.Pool>());

export function rememberPgPool(db: Db, pool: pg.Pool): void {
  pools.set(db, pool);
}

/** The pool `db` queries through, or null when `db` is not on PostgreSQL (PGlite). */
export function pgPoolOf(db: Db): pg.Pool | null {
  return pools.get(db) ?? null;
}
