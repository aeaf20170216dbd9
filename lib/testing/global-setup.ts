import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import type { TestProject } from 'vitest/node';
import { connectDatabase } from '@/lib/db/client';
import { applyPendingMigrations } from '@/lib/db/migrate';
import { seedDemo } from '@/lib/seed/seed-demo';
import { signAuditForTests } from './audit-signing';
import { testTarget, withDatabase } from './test-target';
import type { TemplateKind } from './test-db';

declare module 'vitest' {
  export interface ProvidedContext {
    /** PGlite: paths of dumped data dirs. PostgreSQL: names of template databases. One per kind. */
    dbTemplates: Record<TemplateKind, string>;
    dbKind: 'pglite' | 'postgres';
  }
}

// Migrate once per run, and seed the demo organisation once per run: every test file then starts from a
// copy (PGlite loadDataDir / CREATE DATABASE … TEMPLATE) instead of seeding for itself, which on a busy
// machine took seconds per file and could outlast Prisma's 5 s transaction timeout.
export default async function setup(project: TestProject) {
  // The demo seed's audit events are signed here, and verified in the workers: one key for both.
  signAuditForTests();
  const target = testTarget();
  if (target.kind === 'pglite') {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'timebox-test-'));
    const database = await connectDatabase({ kind: 'pglite-memory' });
    const dump = async (kind: TemplateKind) => {
      const file = path.join(dir, `${kind}.tar`);
      const data = await database.handle.pglite!.dumpDataDir('none');
      fs.writeFileSync(file, Buffer.from(await data.arrayBuffer()));
      return file;
    };
    try {
      await applyPendingMigrations(database.handle.factory);
      const migrated = await dump('migrated');
      await seedDemo(database.db);
      const demo = await dump('demo');
      project.provide('dbKind', 'pglite');
      project.provide('dbTemplates', { migrated, demo });
    } finally {
      await database.close();
    }
    return () => fs.rmSync(dir, { recursive: true, force: true });
  }

  const base = `timebox_tpl_${process.pid}_${Date.now().toString(36)}`;
  const templates: Record<TemplateKind, string> = { migrated: base, demo: `${base}_demo` };
  const admin = new pg.Client({ connectionString: target.serverUrl });
  await admin.connect();
  await admin.query(`CREATE DATABASE "${templates.migrated}"`);
  const migrated = await connectDatabase({ kind: 'postgres', url: withDatabase(target.serverUrl, templates.migrated) });
  await applyPendingMigrations(migrated.handle.factory).finally(() => migrated.close());
  // A template accepts no connections while it is copied, so each is closed before the next step.
  await admin.query(`CREATE DATABASE "${templates.demo}" TEMPLATE "${templates.migrated}"`);
  const demo = await connectDatabase({ kind: 'postgres', url: withDatabase(target.serverUrl, templates.demo) });
  await seedDemo(demo.db).finally(() => demo.close());
  project.provide('dbKind', 'postgres');
  project.provide('dbTemplates', templates);
  return async () => {
    // Drop the templates and every copy made from them, even those a crashed test file left behind.
    const { rows } = await admin.query<{ datname: string }>(`SELECT datname FROM pg_database WHERE datname LIKE $1`, [`${base}%`]);
    for (const { datname } of rows.sort((a, b) => b.datname.length - a.datname.length)) {
      await admin.query(`DROP DATABASE IF EXISTS "${datname}" WITH (FORCE)`);
    }
    await admin.end();
  };
}
