// The two-role setup docs/security.md describes, on a real PostgreSQL: migrations as the owner
// (DATABASE_MIGRATION_URL), the app as a role with DML only and INSERT + SELECT on the audit table.
// It runs the very SQL the docs point to (docs/sql/runtime-role.sql), so the docs stay true.
import { randomBytes } from 'node:crypto';
import fs from 'node:fs/promises';
import path from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { appendAudit } from '@/lib/audit/append';
import { sealPendingEvents } from '@/lib/audit/seal';
import { verifyChain } from '@/lib/audit/verify';
import { checkHealth } from '@/lib/services/health';
import { signAuditForTests } from '@/lib/testing/audit-signing';
import { requireServer } from '@/lib/testing/require-server';
import { auditTableRisks } from './audit-privileges';
import { connectDatabase, type Database } from './client';
import { migrateDatabase } from './prepare';

const serverUrl = process.env.TEST_DATABASE_URL || process.env.DATABASE_URL;
const suffix = randomBytes(4).toString('hex');
const names = { migrator: `tbx_migrator_${suffix}`, app: `tbx_app_${suffix}`, database: `tbx_lp_${suffix}` };
const urlAs = (role: string) => Object.assign(new URL(serverUrl!), { username: role, password: 'lp-test-pw', pathname: `/${names.database}` }).toString();

async function asSuperuser(sql: string): Promise<void> {
  const c = new pg.Client({ connectionString: serverUrl });
  await c.connect();
  try {
    await c.query(sql);
  } finally {
    await c.end();
  }
}

describe.runIf(requireServer('TEST_DATABASE_URL or DATABASE_URL', serverUrl))('a migration role and a DML-only runtime role', () => {
  let app: Database;
  let owner: Database;

  beforeAll(async () => {
    signAuditForTests();
    await asSuperuser(`CREATE ROLE ${names.migrator} LOGIN PASSWORD 'lp-test-pw'; CREATE ROLE ${names.app} LOGIN PASSWORD 'lp-test-pw'`);
    await asSuperuser(`CREATE DATABASE ${names.database} OWNER ${names.migrator}`);
    const { applied } = await migrateDatabase({ DATABASE_URL: urlAs(names.app), DATABASE_MIGRATION_URL: urlAs(names.migrator), dataDir: '' });
    expect(applied.length).toBeGreaterThan(0);
    const grants = await fs.readFile(path.resolve('docs/sql/runtime-role.sql'), 'utf8');
    const c = new pg.Client({ connectionString: urlAs(names.migrator) });
    await c.connect();
    await c.query(grants.replaceAll('timebox_app', names.app));
    await c.end();
    app = await connectDatabase({ kind: 'postgres', url: urlAs(names.app) });
    owner = await connectDatabase({ kind: 'postgres', url: urlAs(names.migrator) });
  }, 180_000);

  afterAll(async () => {
    await app?.close();
    await owner?.close();
    await asSuperuser(`DROP DATABASE IF EXISTS ${names.database} WITH (FORCE)`);
    await asSuperuser(`DROP ROLE IF EXISTS ${names.app}; DROP ROLE IF EXISTS ${names.migrator}`);
  });

  it('the runtime role appends, seals and verifies the trail, but cannot disable its triggers or delete events', async () => {
    await app.db.$transaction((tx) => appendAudit(tx, { actorLabel: 'system:test', action: 'reconcile.completed', data: { drift: 0, removed: 0, failed: [] } }));
    expect((await sealPendingEvents(app.db)).sealed).toBeGreaterThanOrEqual(1);
    expect(await verifyChain(app.db)).toMatchObject({ ok: true });
    expect(await auditTableRisks(app.db)).toEqual([]);
    expect((await checkHealth(app.db, 3_000, { auditPrivileges: true })).warnings).toBeUndefined();

    await expect(app.db.$executeRawUnsafe('ALTER TABLE "AuditEvent" DISABLE TRIGGER "AuditEvent_append_only"')).rejects.toThrow(/must be owner/);
    await expect(app.db.$executeRawUnsafe('DELETE FROM "AuditEvent"')).rejects.toThrow(/permission denied/);
    await expect(app.db.$executeRawUnsafe('TRUNCATE "AuditEvent"')).rejects.toThrow(/permission denied/);
    await expect(app.db.$executeRawUnsafe(`UPDATE "AuditEvent" SET "actorLabel" = 'someone else'`)).rejects.toThrow(/permission denied/);
    await expect(app.db.$executeRawUnsafe('SELECT count(*) FROM "_prisma_migrations"')).rejects.toThrow(/permission denied/);
  });

  it('warns, in the health report too, when the role Timebox runs as owns the audit table', async () => {
    const risks = await auditTableRisks(owner.db);
    expect(risks).toEqual([expect.stringMatching(/owns the audit table: it can ALTER TABLE "AuditEvent" DISABLE TRIGGER/)]);
    expect((await checkHealth(owner.db, 3_000, { auditPrivileges: true })).warnings).toEqual(risks);
    // What the warning is about: the owner really can switch the trigger off (and so delete events).
    await owner.db.$transaction(async (tx) => {
      await tx.$executeRawUnsafe('ALTER TABLE "AuditEvent" DISABLE TRIGGER "AuditEvent_append_only"');
      await tx.$executeRawUnsafe('ALTER TABLE "AuditEvent" ENABLE ALWAYS TRIGGER "AuditEvent_append_only"');
    });
  });
});
