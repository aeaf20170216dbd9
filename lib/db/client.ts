import { PrismaClient } from './generated/client';
import { openDatabase, type DatabaseTarget, type OpenDatabase } from './adapter';
import { rememberPgPool } from './pg-pool';
import { getConfig, type AppConfig } from '@/lib/config/env';

export type Db = PrismaClient;
/** A transaction client: what services receive inside `db.$transaction`. */
export type Tx = Omit<PrismaClient, '$connect' | '$disconnect' | '$on' | '$transaction' | '$extends'>;

export interface Database {
  db: Db;
  close(): Promise<void>;
  handle: OpenDatabase;
}

export function targetFromConfig(config: Pick<AppConfig, 'DATABASE_URL' | 'dataDir'>): DatabaseTarget {
  return config.DATABASE_URL ? { kind: 'postgres', url: config.DATABASE_URL } : { kind: 'pglite', dataDir: config.dataDir };
}

/**
 * Bounds of every interactive transaction that sets none of its own. Prisma's defaults (2 s to get a
 * connection, 5 s to finish) are for an idle machine: on a saturated two-core one, a request, a decision
 * or a revocation that was doing nothing wrong took longer and answered 500 after rolling back. Each of
 * these transactions locks only the rows it changes, so a longer bound blocks no one else for longer.
 */
const TRANSACTION_BOUNDS = { maxWait: 10_000, timeout: 15_000 } as const;

export async function connectDatabase(target: DatabaseTarget): Promise<Database> {
  const handle = await openDatabase(target);
  const db = new PrismaClient({ adapter: handle.factory, transactionOptions: TRANSACTION_BOUNDS });
  if (handle.pgPool) rememberPgPool(db, handle.pgPool);
  return {
    db,
    handle,
    close: async () => {
      await db.$disconnect();
      await handle.close();
    },
  };
}

// The server's one client. Kept on globalThis so dev hot reloads do not open a second PGlite on the same directory.
const globalForDb = globalThis as unknown as { timeboxDb?: Promise<Database> };

export function getDatabase(): Promise<Database> {
  globalForDb.timeboxDb ??= connectDatabase(targetFromConfig(getConfig())).catch((error: unknown) => {
    globalForDb.timeboxDb = undefined;
    throw error;
  });
  return globalForDb.timeboxDb;
}

export async function getDb(): Promise<Db> {
  return (await getDatabase()).db;
}
