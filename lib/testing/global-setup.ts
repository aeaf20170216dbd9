import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import type { TestProject } from 'vitest/node';
import { openDatabase } from '@/lib/db/adapter';
import { applyPendingMigrations } from '@/lib/db/migrate';
import { testTarget, withDatabase } from './test-target';

declare module 'vitest' {
  export interface ProvidedContext {
    /** PGlite: path of a dumped, migrated data dir. PostgreSQL: name of a migrated template database. */
    dbTemplate: string;
    dbKind: 'pglite' | 'postgres';
  }
}

// Migrate once per run; every test file then starts from a copy (PGlite loadDataDir / CREATE DATABASE … TEMPLATE).
export default async function setup(project: TestProject) {
  const target = testTarget();
  if (target.kind === 'pglite') {
    const opened = await openDatabase({ kind: 'pglite-memory' });
    await applyPendingMigrations(opened.factory);
    const dump = await opened.pglite!.dumpDataDir('none');
    await opened.close();
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'timebox-test-')), 'template.tar');
    fs.writeFileSync(file, Buffer.from(await dump.arrayBuffer()));
    project.provide('dbKind', 'pglite');
    project.provide('dbTemplate', file);
    return () => fs.rmSync(path.dirname(file), { recursive: true, force: true });
  }

  const template = `timebox_tpl_${process.pid}_${Date.now().toString(36)}`;
  const admin = new pg.Client({ connectionString: target.serverUrl });
  await admin.connect();
  await admin.query(`CREATE DATABASE "${template}"`);
  const opened = await openDatabase({ kind: 'postgres', url: withDatabase(target.serverUrl, template) });
  await applyPendingMigrations(opened.factory);
  await opened.close();
  project.provide('dbKind', 'postgres');
  project.provide('dbTemplate', template);
  return async () => {
    // Drop the template and every copy made from it, even those a crashed test file left behind.
    const { rows } = await admin.query<{ datname: string }>(`SELECT datname FROM pg_database WHERE datname LIKE $1`, [`${template}%`]);
    for (const { datname } of rows.sort((a, b) => b.datname.length - a.datname.length)) {
      await admin.query(`DROP DATABASE IF EXISTS "${datname}" WITH (FORCE)`);
    }
    await admin.end();
  };
}
