import { getConfig } from '@/lib/config/env';
import { log } from '@/lib/log';
import { startInternalScheduler } from './scheduler';

/** Runs once when the Next.js server process starts (instrumentation.ts). */
export function onServerStart(): void {
  const config = getConfig();
  if (config.devLogin && config.NODE_ENV === 'production') {
    log.warn({ listenHost: config.TIMEBOX_LISTEN_HOST }, 'AUTH_DEV_LOGIN is on in production: anyone who reaches the server can sign in as a seeded user by e-mail alone');
  }
  startInternalScheduler();
  log.info({ database: config.embedded ? 'embedded' : 'postgres', devLogin: config.devLogin, oidc: Boolean(config.oidc), scheduler: config.TIMEBOX_SCHEDULER }, 'timebox server ready');
}
