import { defaultConnectors } from '@/lib/connectors/registry';
import { getDb } from '@/lib/db/client';
import { systemClock } from '@/lib/domain/clock';
import type { ServiceDeps } from './deps';

const globalForDeps = globalThis as unknown as { timeboxDepsOverride?: ServiceDeps | null; timeboxConnectors?: ServiceDeps['connectors'] };

/** The server's real dependencies: its database, the wall clock and the connector registry. */
export async function getServiceDeps(): Promise<ServiceDeps> {
  if (globalForDeps.timeboxDepsOverride) return globalForDeps.timeboxDepsOverride;
  globalForDeps.timeboxConnectors ??= defaultConnectors();
  return { db: await getDb(), clock: systemClock, connectors: globalForDeps.timeboxConnectors };
}

/**
 * Integration tests call route handlers in-process against their own database and clock.
 * (Still the real database and real handlers: only which database and which clock is swapped.)
 */
export function overrideServiceDeps(deps: ServiceDeps | null): void {
  globalForDeps.timeboxDepsOverride = deps;
}
