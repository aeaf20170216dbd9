import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { manualClock, minutes } from '@/lib/domain/clock';
import { requestAccessInput } from '@/lib/domain/request-input';
import { actorContext } from '@/lib/testing/actors';
import { findPgBinDir, type PgInstance } from '@/lib/testing/pg-instance';
import { startPgTargetServices } from '@/lib/testing/pg-target-services';
import { requireServer } from '@/lib/testing/require-server';
import type { TestDatabase } from '@/lib/testing/test-db';
import type { ServiceDeps } from '../deps';
import { issueGrantCredentials } from '../grants/issue-credentials';
import { requestAccess } from '../requests/request-access';
import { sweep } from '../sweep/sweep';
import { canLoginPg as canLogin, connectPg as connect } from '@/lib/testing/pg-login';

// Break-glass on the real PostgreSQL target, as the demo seeds it (prod-postgres/read-write, at most
// 30 minutes, ticket required): nobody approves, the login works at once, and it is gone at its end.
const binDir = findPgBinDir();
const canRun = requireServer('PostgreSQL server binaries (initdb, pg_ctl)', binDir);

let target: PgInstance;
let database: TestDatabase;
let deps: ServiceDeps;
const clock = manualClock(new Date());

describe.runIf(canRun)('a break-glass grant on a real postgres target', () => {
  beforeAll(async () => {
    ({ target, database, deps } = await startPgTargetServices(binDir!, 'CREATE TABLE incidents (id int primary key, title text)', clock));
  });
  afterAll(async () => {
    await database?.close();
    await target?.destroy();
  });

  it('logs in and writes at once without any approval, and cannot log in once its 30 minutes are up', async () => {
    const alice = await actorContext(database.db, 'alice@example.com');
    const started = Date.now();
    const request = await requestAccess(
      deps,
      alice,
      requestAccessInput.parse({ resource: 'prod-postgres', role: 'read-write', durationMinutes: 30, justification: 'INC-9 orders table locked, need to kill the job row', ticket: 'INC-9', breakGlass: true }),
    );
    expect(request).toMatchObject({ status: 'approved', breakGlass: true, reviews: [], grant: { status: 'active', breakGlass: true, needsReview: true } });
    const creds = await issueGrantCredentials(deps, alice, { grantId: request.grant!.id });
    const session = await connect(creds.url);
    await session.query('INSERT INTO incidents VALUES (1, $$written under break-glass$$)');
    console.log(`postgres break-glass: request to first write ${Date.now() - started} ms`);
    await session.end();

    // More than the break-glass maximum is refused before anything is provisioned.
    await expect(
      requestAccess(deps, await actorContext(database.db, 'erin@example.com'), requestAccessInput.parse({ resource: 'prod-postgres', role: 'read-write', durationMinutes: 31, justification: 'INC-9 orders table locked, second pair of hands', ticket: 'INC-9', breakGlass: true })),
    ).rejects.toMatchObject({ code: 'unprocessable' });

    clock.advance(minutes(30));
    expect(await sweep(deps)).toMatchObject({ grantsEnding: 1, grantsEnded: 1 });
    expect(await canLogin(creds.url)).toBe(false);
    expect((await database.db.grant.findUniqueOrThrow({ where: { id: request.grant!.id } })).status).toBe('expired');
  });
});
