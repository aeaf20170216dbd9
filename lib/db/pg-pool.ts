import type pg from 'pg';
import type { Db } from './client';

// The node-postgres pool behind a PostgreSQL client, for the few jobs Prisma cannot do: today the audit
// export's `COPY … TO STDOUT`, which streams through a connection's socket with backpressure. Keyed by the
// client so services keep taking one `db` (tests and the bench build their own); PGlite has no pool.

// On globalThis, not in this module: Next.js bundles each route with its own copy of this module, while the
// server's one client is shared through globalThis (client.ts), so a module-level map filled by the route
// that opened the client was empty in every other route — the audit export never found its pool and
// never used COPY in the server.
const shared = globalThis as unknown as { timeboxPgPools?: WeakMap<Db, pg.Pool> };
const pools = (shared.timeboxPgPools ??= new WeakMap<Db, pg.Pool>());

export function rememberPgPool(db: Db, pool: pg.Pool): void {
  pools.set(db, pool);
}

/** The pool `db` queries through, or null when `db` is not on PostgreSQL (PGlite). */
export function pgPoolOf(db: Db): pg.Pool | null {
  return pools.get(db) ?? null;
}
