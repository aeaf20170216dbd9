import type { Clock } from '@/lib/domain/clock';
import type { AdminTimeouts } from './admin-client';

/** What the database connectors (postgres, mysql) can be given; all optional, production uses none. */
export interface DatabaseConnectorOptions {
  /** Where the admin URL env vars are read; defaults to process.env (read at each call, never cached). */
  env?: Record<string, string | undefined>;
  clock?: Clock;
  /** Replaces some of the admin timeouts derived from the revocation lease (tests use short ones). */
  adminTimeouts?: Partial<AdminTimeouts>;
  /** Timebox's own database, which no target may be; defaults to process.env.DATABASE_URL (unset: embedded, unreachable). */
  ownDatabaseUrl?: string;
}
