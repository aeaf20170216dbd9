import type pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { grantPrincipal } from '@/lib/connectors/kit/principal-name';
import { portalConnector } from '@/lib/connectors/portal/portal-connector';
import { createPostgresConnector } from '@/lib/connectors/postgres/postgres-connector';
import { defaultConnectors } from '@/lib/connectors/registry';
import type { Connector } from '@/lib/connectors/types';
import type { ResourceKind } from '@/lib/db/generated/enums';
import { connectDatabase, type Database } from '@/lib/db/client';
import { manualClock, minutes } from '@/lib/domain/clock';
import { requestAccessInput } from '@/lib/domain/request-input';
import { actorContext } from '@/lib/testing/actors';
import { findPgBinDir, type PgInstance, startPgInstance } from '@/lib/testing/pg-instance';
import { connectPg } from '@/lib/testing/pg-login';
import { requireServer } from '@/lib/testing/require-server';
import { TcpRelay } from '@/lib/testing/tcp-proxy';
import { givenBulkGrants } from '@/lib/testing/bulk-grants';
import { createTestDatabase, type TestDatabase } from '@/lib/testing/test-db';
import type { ServiceDeps } from '../deps';
import { decideRequest } from '../requests/decide-request';
import { requestAccess } from '../requests/request-access';
import { sweep } from './sweep';

// Two app instances = two independent connection pools on the same PostgreSQL database.
// (On PGlite there is one in-process database, so both "instances" share it; the test still must pass.)
let database: TestDatabase;
let second: Database | undefined;
let instanceA: ServiceDeps;
let instanceB: ServiceDeps;
const clock = manualClock(new Date());

beforeAll(async () => {
  database = await createTestDatabase('demo');
  second = database.url ? await connectDatabase({ kind: 'postgres', url: database.url }) : undefined;
  instanceA = { db: database.db, clock, connectors: defaultConnectors() };
  instanceB = { db: second?.db ?? database.db, clock, connectors: defaultConnectors() };
});
afterAll(async () => {
  await second?.close();
  await database?.close();
});

describe('concurrent sweeps', () => {
  it('end each of 500 due grants exactly once', async () => {
    const { db } = database;
    const now = clock.now();
    const ids = await givenBulkGrants(db, { role: 'editor', resource: 'feature-flags', count: 500, label: 'bulk', status: 'active', startsAt: now, activatedAt: now, expiresAt: new Date(now.getTime() + minutes(5)) });
    clock.advance(minutes(5));

    const [a, b] = await Promise.all([sweep(instanceA), sweep(instanceB)]);
    expect(a.grantsEnding + b.grantsEnding).toBe(500);
    expect(a.grantsEnded + b.grantsEnded).toBe(500);

    const statuses = await db.grant.groupBy({ by: ['status'], where: { id: { in: ids } }, _count: true });
    expect(statuses).toEqual([{ status: 'expired', _count: 500 }]);
    for (const action of ['grant.ending', 'grant.expired']) {
      const perGrant = await db.auditEvent.groupBy({ by: ['grantId'], where: { action, grantId: { in: ids } }, _count: true });
      expect(perGrant).toHaveLength(500);
      expect(perGrant.every((g) => g._count === 1)).toBe(true);
    }
  }, 240_000);
});

// The batched path with a connector that ends a batch on one admin connection (postgres), grants of both
// end reasons in one batch: each role gone, each grant in the terminal status its reason asks for, once.
const binDir = findPgBinDir();
describe.runIf(requireServer('PostgreSQL server binaries (initdb, pg_ctl)', binDir))('concurrent sweeps on a PostgreSQL target', () => {
  let target: PgInstance;
  beforeAll(async () => {
    target = await startPgInstance(binDir);
  });
  afterAll(async () => {
    await target?.destroy();
  });

  const onPostgres = { role: 'read-only', resource: 'prod-postgres' };
  /** The roles provisioning would have made (one statement here; provisioning is tested elsewhere). */
  const createRoles = (admin: pg.Client, grantIds: readonly string[]) => admin.query(grantIds.map((id) => `CREATE ROLE ${grantPrincipal(id)} LOGIN IN ROLE pg_read_all_data;`).join('\n'));
  /** Instance A's services with the postgres connector reaching the target through a relay that counts the connections the target sees. */
  async function viaCountingRelay(): Promise<{ relay: TcpRelay; deps: ServiceDeps }> {
    const relay = new TcpRelay({ host: '127.0.0.1', port: Number(new URL(target.url).port) });
    const viaRelay = Object.assign(new URL(target.url), { port: String(await relay.start()) }).toString();
    const postgres = createPostgresConnector({ env: { TARGET_PG_URL: viaRelay }, ownDatabaseUrl: database.url });
    return { relay, deps: { ...instanceA, connectors: new Map<ResourceKind, Connector>([['portal', portalConnector], ['postgres', postgres]]) } };
  }

  it('end each of 60 grants exactly once, the revoked ones as revoked, and leave no role behind', async () => {
    const { db } = database;
    const onTarget = (instance: ServiceDeps): ServiceDeps => ({
      ...instance,
      connectors: new Map<ResourceKind, Connector>([['portal', portalConnector], ['postgres', createPostgresConnector({ env: { TARGET_PG_URL: target.url }, ownDatabaseUrl: database.url })]]),
    });
    const [a, b] = [onTarget(instanceA), onTarget(instanceB)];
    const now = clock.now();
    const ids = await givenBulkGrants(db, { ...onPostgres, count: 60, label: 'bulk on target', status: 'active', startsAt: now, activatedAt: now, expiresAt: new Date(now.getTime() + minutes(5)) });
    // The roles provisioning would have made (one admin connection here; provisioning is tested elsewhere).
    const admin = await connectPg(target.url);
    await createRoles(admin, ids);
    // A third were revoked by someone (their revoke call failed, so the sweep finishes them): they must end `revoked`.
    const revoked = ids.slice(0, 20);
    await db.grant.updateMany({ where: { id: { in: revoked } }, data: { status: 'revoking', endReason: 'revoked', nextAttemptAt: null } });
    clock.advance(minutes(5));

    const [sa, sb] = await Promise.all([sweep(a), sweep(b)]);
    expect(sa.grantsEnded + sb.grantsEnded).toBe(60);
    expect(sa.deprovisionRetries + sb.deprovisionRetries).toBe(0);

    expect(await db.grant.count({ where: { id: { in: revoked }, status: 'revoked' } })).toBe(20);
    expect(await db.grant.count({ where: { id: { in: ids, notIn: revoked }, status: 'expired' } })).toBe(40);
    for (const action of ['grant.expired', 'grant.revoked']) {
      const perGrant = await db.auditEvent.groupBy({ by: ['grantId'], where: { action, grantId: { in: ids } }, _count: true });
      expect(perGrant).toHaveLength(action === 'grant.revoked' ? 20 : 40);
      expect(perGrant.every((g) => g._count === 1)).toBe(true);
    }
    expect(await db.auditEvent.count({ where: { action: 'grant.deprovision_failed', grantId: { in: ids } } })).toBe(0);
    try {
      expect((await admin.query(`SELECT rolname FROM pg_roles WHERE rolname LIKE 'tbx\\_%'`)).rows).toEqual([]);
    } finally {
      await admin.end();
    }
  }, 240_000);

  it('end 450 grants of one target over three batches on one admin connection, and leave no role behind', async () => {
    const { db } = database;
    const { relay, deps } = await viaCountingRelay();
    const now = clock.now();
    const ids = await givenBulkGrants(db, { ...onPostgres, count: 450, label: 'three batches', status: 'active', startsAt: now, activatedAt: now, expiresAt: new Date(now.getTime() + minutes(5)) });
    const admin = await connectPg(target.url);
    try {
      await createRoles(admin, ids);
      clock.advance(minutes(5));

      const summary = await sweep(deps);
      expect(summary).toMatchObject({ grantsEnding: 450, grantsEnded: 450, deprovisionRetries: 0 });
      expect(await db.grant.count({ where: { id: { in: ids }, status: 'expired' } })).toBe(450);
      expect((await admin.query(`SELECT rolname FROM pg_roles WHERE rolname LIKE 'tbx\\_%'`)).rows).toEqual([]);
      expect(relay.accepted).toBe(1);
      // Closed when the sweep ended: no admin session is left on the target.
      const live = async () => (await admin.query(`SELECT count(*)::int AS n FROM pg_stat_activity WHERE application_name = 'timebox-connector'`)).rows[0].n;
      await expect.poll(live, { timeout: 10_000 }).toBe(0);
    } finally {
      await admin.end();
      await relay.stop();
    }
  }, 240_000);

  it('start 5 scheduled grants of one target on one admin connection, and end them on one more', async () => {
    const { db } = database;
    const { relay, deps } = await viaCountingRelay();
    const now = clock.now();
    const ids = await givenBulkGrants(db, { ...onPostgres, count: 5, label: 'scheduled', status: 'scheduled', startsAt: now, expiresAt: new Date(now.getTime() + minutes(10)) });
    const roles = ids.map(grantPrincipal);
    const admin = await connectPg(target.url);
    const onTarget = async () => (await admin.query<{ rolname: string }>('SELECT rolname FROM pg_roles WHERE rolname = ANY($1) ORDER BY rolname', [roles])).rows.map((r) => r.rolname);
    try {
      expect(await sweep(deps)).toMatchObject({ grantsActivated: 5, activationsFailed: 0 });
      expect(await db.grant.count({ where: { id: { in: ids }, status: 'active' } })).toBe(5);
      expect(await onTarget()).toEqual([...roles].sort());
      expect(relay.accepted).toBe(1);

      clock.advance(minutes(10));
      expect(await sweep(deps)).toMatchObject({ grantsEnded: 5, deprovisionRetries: 0 });
      expect(await onTarget()).toEqual([]);
      expect(relay.accepted).toBe(2);
    } finally {
      await admin.end();
      await relay.stop();
    }
  }, 240_000);
});

describe('racing approvals', () => {
  it('two approvers clicking at once produce one grant', async () => {
    for (let round = 0; round < 5; round++) {
      const request = await requestAccess(instanceA, await actorContext(database.db, 'alice@example.com'), requestAccessInput.parse({ resource: 'status-page', role: 'editor', durationMinutes: 5, justification: 'race for the test', ticket: `RACE-${round}` }));
      const results = await Promise.allSettled([
        decideRequest(instanceA, await actorContext(database.db, 'bob@example.com'), { requestId: request.id, decision: 'approve' }),
        decideRequest(instanceB, await actorContext(database.db, 'frank@example.com'), { requestId: request.id, decision: 'approve' }),
      ]);
      expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
      const rejected = results.find((r) => r.status === 'rejected') as PromiseRejectedResult;
      expect(rejected.reason).toMatchObject({ code: 'conflict' });
      expect(await database.db.grant.count({ where: { requestId: request.id } })).toBe(1);
      expect(await database.db.review.count({ where: { requestId: request.id } })).toBe(1);
      await database.db.grant.updateMany({ where: { requestId: request.id }, data: { status: 'revoked' } });
    }
  });
});
