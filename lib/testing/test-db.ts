import crypto from 'node:crypto';
import fs from 'node:fs';
import pg from 'pg';
import { inject } from 'vitest';
import { connectDatabase, type Database } from '@/lib/db/client';
import { signAuditForTests } from './audit-signing';
import { testTarget, withDatabase } from './test-target';

/** What a test database starts with: the migrated schema only, or that plus the demo organisation (seedDemo). */
export type TemplateKind = 'migrated' | 'demo';

export interface TestDatabase extends Database {
  kind: 'pglite' | 'postgres';
  /** PostgreSQL only: the connection URL of this copy. */
  url?: string;
}

/**
 * A fresh copy of a template built once per run by global-setup.ts, for one test file. Close it in afterAll.
 * 'demo' is what seedDemo would leave in an empty database: the demo groups, users, resources and its one audit event.
 */
export async function createTestDatabase(template: TemplateKind = 'migrated'): Promise<TestDatabase> {
  signAuditForTests({ checkpoints: true });
  const kind = inject('dbKind');
  const source = inject('dbTemplates')[template];
  if (kind === 'pglite') {
    const loadDataDir = new Blob([fs.readFileSync(source)]);
    return { ...(await connectDatabase({ kind: 'pglite-memory', loadDataDir })), kind };
  }
  const target = testTarget();
  if (target.kind !== 'postgres') throw new Error('test database kind and TIMEBOX_TEST_DB disagree');
  const name = `${source}_${crypto.randomBytes(4).toString('hex')}`;
  const admin = new pg.Client({ connectionString: target.serverUrl });
  await admin.connect();
  try {
    await copyTemplate(admin, name, source);
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

/**
 * CREATE DATABASE … TEMPLATE refuses (55006, object_in_use) while any other session is connected to the
 * template, after waiting 5 s for it: on a loaded machine a backend of the setup's own closed connection, or
 * an autovacuum worker of the freshly seeded template, can outlive that. Such a refusal is the server being
 * slow, not the test failing, so it is tried again while the template is busy, for at most a minute (each try
 * itself waits those 5 s in the server, so this never spins).
 */
async function copyTemplate(admin: pg.Client, name: string, source: string): Promise<void> {
  const deadline = Date.now() + 60_000;
  for (;;) {
    try {
      await admin.query(`CREATE DATABASE "${name}" TEMPLATE "${source}"`);
      return;
    } catch (error) {
      if ((error as { code?: string }).code !== '55006' || Date.now() > deadline) throw error;
    }
  }
}
