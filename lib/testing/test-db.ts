import crypto from 'node:crypto';
import fs from 'node:fs';
import pg from 'pg';
import { inject } from 'vitest';
import { connectDatabase, type Database } from '@/lib/db/client';
import { testTarget, withDatabase } from './test-target';

export interface TestDatabase extends Database {
  kind: 'pglite' | 'postgres';
  /** PostgreSQL only: the connection URL of this copy. */
  url?: string;
}

/** A fresh, migrated, empty database for one test file. Close it in afterAll. */
export async function createTestDatabase(): Promise<TestDatabase> {
  const kind = inject('dbKind');
  const template = inject('dbTemplate');
  if (kind === 'pglite') {
    const loadDataDir = new Blob([fs.readFileSync(template)]);
    return { ...(await connectDatabase({ kind: 'pglite-memory', loadDataDir })), kind };
  }
  const target = testTarget();
  if (target.kind !== 'postgres') throw new Error('test database kind and TIMEBOX_TEST_DB disagree');
  const name = `${template}_${crypto.randomBytes(4).toString('hex')}`;
  const admin = new pg.Client({ connectionString: target.serverUrl });
  await admin.connect();
  try {
    await admin.query(`CREATE DATABASE "${name}" TEMPLATE "${template}"`);
  } finally {
    await admin.end();
  }
  const url = withDatabase(target.serverUrl, name);
  const database = await connectDatabase({ kind: 'postgres', url });
  return {
    ...database,
    kind,
    url,
    close: async () => {
      await database.close();
      const dropper = new pg.Client({ connectionString: target.serverUrl });
      await dropper.connect();
      await dropper.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`).finally(() => dropper.end());
    },
  };
}
