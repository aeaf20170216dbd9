import { getConfig } from '@/lib/config/env';
import { auditTableRisks } from '@/lib/db/audit-privileges';
import { getDb } from '@/lib/db/client';
import { log } from '@/lib/log';
import { startInternalScheduler } from './scheduler';

/** Runs once when the Next.js server process starts (instrumentation.ts). */
export function onServerStart(): void {
  const config = getConfig();
  if (config.devLogin && config.NODE_ENV === 'production') {
    log.warn({ listenHost: config.TIMEBOX_LISTEN_HOST }, 'AUTH_DEV_LOGIN is on in production: anyone who reaches the server can sign in as a seeded user by e-mail alone');
  }
  if (!config.embedded) warnAboutAuditPrivileges();
  startInternalScheduler();
  log.info({ database: config.embedded ? 'embedded' : 'postgres', devLogin: config.devLogin, oidc: Boolean(config.oidc), scheduler: config.TIMEBOX_SCHEDULER }, 'timebox server ready');
}

/** Says at start (and /api/health keeps saying) when the runtime role could get around the audit triggers. */
function warnAboutAuditPrivileges(): void {
  getDb()
    .then((db) => auditTableRisks(db))
    .then((risks) => risks.forEach((risk) => log.warn(risk)))
    .catch((error: unknown) => log.warn({ err: error }, 'could not check the audit table privileges'));
}
