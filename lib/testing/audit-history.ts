import { auditRow, type AuditInput } from '@/lib/audit/append';
import { auditSigningKey } from '@/lib/audit/signing-key';
import type { Db } from '@/lib/db/client';

/**
 * Appends a signed event dated `occurredAt`, for tests of what the trail shows over time (metrics,
 * date filters). The database dates every event itself; only a superuser session in replica mode skips
 * that trigger, as the volume seeder does. Like the seeder's, the event says so in its signed data
 * (`synthetic: true`), which is what keeps verify from reporting it as backdated.
 */
export function appendAuditAt(db: Db, event: AuditInput, occurredAt: Date): Promise<{ id: string }> {
  const synthetic = { ...event, data: { ...event.data, synthetic: true } } as unknown as AuditInput;
  return db.$transaction(async (tx) => {
    await tx.$executeRawUnsafe(`SET LOCAL session_replication_role = replica`);
    return tx.auditEvent.create({ data: { ...auditRow(synthetic, auditSigningKey()), occurredAt }, select: { id: true } });
  });
}
