import type { ConnectorRegistry } from '@/lib/connectors/types';
import type { Db } from '@/lib/db/client';
import type { Clock } from '@/lib/domain/clock';

/** What every service needs from the outside world, injected so tests use a real database and a moved clock. */
export interface ServiceDeps {
  db: Db;
  clock: Clock;
  connectors: ConnectorRegistry;
}
