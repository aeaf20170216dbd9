import type { AppConfig } from '@/lib/config/env';
import { readOrCreateSecretFile } from '@/lib/config/secret-file';

/**
 * The session-signing secret. With a real database AUTH_SECRET is required (config enforces it);
 * in the embedded mode one is generated on first use and kept under the data directory,
 * so sessions survive restarts without any setup.
 */
export function resolveAuthSecret(config: Pick<AppConfig, 'AUTH_SECRET' | 'dataDir'>): string {
  return config.AUTH_SECRET ?? readOrCreateSecretFile(config.dataDir, 'auth-secret');
}
