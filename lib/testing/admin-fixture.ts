import { loadActor } from '@/lib/auth/load-actor';
import { defaultConnectors } from '@/lib/connectors/registry';
import type { ActorContext } from '@/lib/domain/context';
import { manualClock, minutes } from '@/lib/domain/clock';
import type { GrantStatus } from '@/lib/domain/grant-status';
import type { ServiceDeps } from '@/lib/services/deps';
import { createTestDatabase, type TestDatabase } from './test-db';

// Shared set-up for the admin integration tests: a database with the demo organisation, actors as the services see them,
// and grant rows written directly (the admin rules only care that they exist and in which status).

export interface AdminFixture {
  database: TestDatabase;
  deps: ServiceDeps;
  ctxOf(email: string): Promise<ActorContext>;
  auditCount(): Promise<number>;
  givenGrant(input: { email: string; entitlementId: string; status: GrantStatus }): Promise<string>;
}

export async function adminFixture(): Promise<AdminFixture> {
  const database = await createTestDatabase('demo');
  const clock = manualClock();
  const deps: ServiceDeps = { db: database.db, clock, connectors: defaultConnectors() };
  const { db } = database;
  return {
    database,
    deps,
    ctxOf: async (email) => {
      const user = await db.user.findUniqueOrThrow({ where: { email } });
      return { actor: (await loadActor(db, user.id))!, via: 'web' };
    },
    auditCount: () => db.auditEvent.count(),
    givenGrant: async ({ email, entitlementId, status }) => {
      const user = await db.user.findUniqueOrThrow({ where: { email } });
      const now = clock.now();
      const request = await db.accessRequest.create({
        data: { requesterId: user.id, entitlementId, durationMinutes: 60, justification: 'test', status: 'approved', decidedAt: now, expiresAt: new Date(now.getTime() + minutes(1440)) },
      });
      const grant = await db.grant.create({
        data: { requestId: request.id, userId: user.id, entitlementId, status, startsAt: now, expiresAt: new Date(now.getTime() + minutes(60)) },
      });
      return grant.id;
    },
  };
}
