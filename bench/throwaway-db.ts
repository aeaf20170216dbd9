import crypto from 'node:crypto';
import pg from 'pg';
import { connectDatabase, type Database } from '@/lib/db/client';
import { openDatabase } from '@/lib/db/adapter';
import { applyPendingMigrations } from '@/lib/db/migrate';

// A PostgreSQL database that exists for one benchmark run: created on the server the environment
// names, migrated, and dropped at the end (even when the run fails).

export const DEFAULT_SERVER = 'postgresql://postgres@127.0.0.1:5432/postgres';

export interface ThrowawayDatabase extends Database {
  url: string;
  name: string;
  drop(): Promise<void>;
}

const withDatabase = (serverUrl: string, database: string) => {
  const url = new URL(serverUrl);
  url.pathname = `/${database}`;
  return url.toString();
};

export async function createThrowawayDatabase(serverUrl = process.env.DATABASE_URL || DEFAULT_SERVER): Promise<ThrowawayDatabase> {
  const name = `timebox_bench_${Date.now().toString(36)}_${crypto.randomBytes(3).toString('hex')}`;
  const admin = new pg.Client({ connectionString: serverUrl, connectionTimeoutMillis: 5_000 });
  await admin.connect();
  try {
    await admin.query(`CREATE DATABASE "${name}"`);
  } finally {
    await admin.end();
  }
  const url = withDatabase(serverUrl, name);
  const opened = await openDatabase({ kind: 'postgres', url });
  await applyPendingMigrations(opened.factory);
  await opened.close();
  const database = await connectDatabase({ kind: 'postgres', url });
  let dropped = false;
  return {
    ...database,
    url,
    name,
    async drop() {
      if (dropped) return;
      dropped = true;
      await database.close().catch(() => {});
      const dropper = new pg.Client({ connectionString: serverUrl });
      await dropper.connect();
      await dropper.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`).finally(() => dropper.end());
    },
  };
}
