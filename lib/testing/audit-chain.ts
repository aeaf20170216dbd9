import { afterAll, beforeAll, beforeEach } from 'vitest';
import { appendAudit } from '@/lib/audit/append';
import type { verifyChain } from '@/lib/audit/verify';
import type { Db } from '@/lib/db/client';
import { rawAuditEvent } from './raw-audit-event';
import { createTestDatabase, type TestDatabase } from './test-db';

// The audit chain's tests (lib/audit/*chain*, *tamper*) on a real database: one per file, and an empty
// trail before each test, so every test numbers its own events from 1.

/**
 * Registers the file's database (and a wipe before each test) and returns what the tests forge with.
 * `db` is valid from the first test on.
 */
export function auditChainDatabase() {
  let database: TestDatabase;
  beforeAll(async () => {
    database = await createTestDatabase();
  });
  afterAll(async () => database?.close());
  const db = (): Db => database.db;

  /** Tests forge with the trigger off, as someone with the power to disable it could. */
  async function forging<T>(work: () => Promise<T>): Promise<T> {
    await db().$executeRawUnsafe(`ALTER TABLE "AuditEvent" DISABLE TRIGGER "AuditEvent_append_only"`);
    try {
      return await work();
    } finally {
      await db().$executeRawUnsafe(`ALTER TABLE "AuditEvent" ENABLE ALWAYS TRIGGER "AuditEvent_append_only"`);
    }
  }

  /** Appends n events one transaction each, as the app does; returns their ids in order. */
  async function append(n: number, action = 'test.event'): Promise<string[]> {
    const ids: string[] = [];
    for (let i = 0; i < n; i++) {
      const { id } = await db().$transaction((tx) => appendAudit(tx, rawAuditEvent({ actorLabel: 'system:test', action, data: { i, justification: `reason ${i}` } })));
      ids.push(id);
    }
    return ids;
  }

  const byIndex = (chainIndex: bigint) => db().auditEvent.findUniqueOrThrow({ where: { chainIndex } });

  // Each test starts from an empty trail: wiped with the trigger off (no app code path can do this).
  beforeEach(() => forging(() => db().$executeRawUnsafe(`DELETE FROM "AuditEvent"`)));

  return { db, forging, append, byIndex };
}

/** The findings as "reason@chainIndex", in order: what verify accuses, and where. */
export function reasons(result: Awaited<ReturnType<typeof verifyChain>>): string[] {
  return result.findings.map((f) => `${f.reason}@${f.chainIndex ?? '-'}`);
}
