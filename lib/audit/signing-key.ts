import { getConfig, type AppConfig } from '@/lib/config/env';
import { readOrCreateSecretFile } from '@/lib/config/secret-file';

// The key that signs audit events and chain checkpoints. It must stay out of the database: whoever can
// write rows there but not read this key cannot make a row, a resealed chain or a checkpoint that verifies.

/** AUDIT_SIGNING_KEY, or (when none is set: embedded, or not production) one generated under the data directory. */
export function resolveAuditSigningKey(config: Pick<AppConfig, 'AUDIT_SIGNING_KEY' | 'dataDir'>): string {
  return config.AUDIT_SIGNING_KEY ?? readOrCreateSecretFile(config.dataDir, 'audit-signing-key');
}

const globalForKey = globalThis as unknown as { timeboxAuditKey?: string };

/** The key in force for this process (resolved once). */
export function auditSigningKey(): string {
  globalForKey.timeboxAuditKey ??= resolveAuditSigningKey(getConfig());
  return globalForKey.timeboxAuditKey;
}

/** Tests sign with a fixed key of their own, the same in every worker and in the process that seeded the template. */
export function overrideAuditSigningKey(key: string): void {
  globalForKey.timeboxAuditKey = key;
}
