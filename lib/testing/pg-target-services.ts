import { portalConnector } from '@/lib/connectors/portal/portal-connector';
import { createPostgresConnector } from '@/lib/connectors/postgres/postgres-connector';
import type { Connector } from '@/lib/connectors/types';
import type { ResourceKind } from '@/lib/db/generated/enums';
import type { Clock } from '@/lib/domain/clock';
import type { ServiceDeps } from '@/lib/services/deps';
import { type PgInstance, startPgInstance } from './pg-instance';
import { connectPg } from './pg-login';
import { createTestDatabase, type TestDatabase } from './test-db';

export interface PgTargetServices {
  target: PgInstance;
  database: TestDatabase;
  deps: ServiceDeps;
}

/**
 * The services against a real PostgreSQL target, as the demo seeds it: a throw-away scram-auth instance
 * (so passwords and VALID UNTIL are really checked) named by TARGET_PG_URL, `setupSql` run on it as its
 * admin, the demo organisation in the app database, and the portal and postgres connectors.
 */
export async function startPgTargetServices(binDir: string, setupSql: string, clock: Clock): Promise<PgTargetServices> {
  const target = await startPgInstance(binDir);
  const admin = await connectPg(target.url);
  await admin.query(setupSql).finally(() => admin.end());
  const database = await createTestDatabase('demo');
  const connectors = new Map<ResourceKind, Connector>([
    ['portal', portalConnector],
    ['postgres', createPostgresConnector({ env: { TARGET_PG_URL: target.url } })],
  ]);
  return { target, database, deps: { db: database.db, clock, connectors } };
}
