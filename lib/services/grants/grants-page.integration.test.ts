import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { portalConnector } from '@/lib/connectors/portal/portal-connector';
import type { Connector } from '@/lib/connectors/types';
import type { ResourceKind } from '@/lib/db/generated/enums';
import { manualClock, minutes } from '@/lib/domain/clock';
import { requestAccessInput } from '@/lib/domain/request-input';
import { actorContext } from '@/lib/testing/actors';
import { expectAppError } from '@/lib/testing/expect-app-error';
import { createTestDatabase, type TestDatabase } from '@/lib/testing/test-db';
import type { ServiceDeps } from '../deps';
import { mayRequestAnything } from '../requests/catalog';
import { decideRequest } from '../requests/decide-request';
import { requestAccess } from '../requests/request-access';
import { sweep } from '../sweep/sweep';
import { grantsPageVersion } from './grants-page-version';
import { getGrant, listLiveGrantsIApproved } from './queries';
import { revokeGrant } from './revoke-grant';

// What /grants and the navigation are built from: the approver's follow-up list, the fingerprint the
// page polls, and whether "Request access" leads anywhere.

let database: TestDatabase;
let deps: ServiceDeps;
const clock = manualClock(new Date());

beforeAll(async () => {
  database = await createTestDatabase('demo');
  deps = { db: database.db, clock, connectors: new Map<ResourceKind, Connector>([['portal', portalConnector]]) };
});
afterAll(async () => database?.close());

const as = (email: string) => actorContext(database.db, email);

/** alice asks for feature-flags/editor (needs one sre-leads approval); bob approves. */
async function approvedByBob(durationMinutes = 30) {
  const request = await requestAccess(deps, await as('alice@example.com'), requestAccessInput.parse({ resource: 'feature-flags', role: 'editor', durationMinutes, justification: 'rotate the flag keys' }));
  return (await decideRequest(deps, await as('bob@example.com'), { requestId: request.id, decision: 'approve' })).grant!;
}

describe('live grants I approved', () => {
  it('lists the live grants an approver approved, lets them read each one, and nobody else', async () => {
    const grant = await approvedByBob();
    const bob = await as('bob@example.com');
    expect((await listLiveGrantsIApproved(deps, bob)).map((g) => g.id)).toContain(grant.id);
    expect((await getGrant(deps, bob, grant.id)).user.email).toBe('alice@example.com');

    // frank is an approver too, but did not approve this one: it is not his to follow, nor to read.
    const frank = await as('frank@example.com');
    expect((await listLiveGrantsIApproved(deps, frank)).map((g) => g.id)).not.toContain(grant.id);
    await expectAppError(getGrant(deps, frank, grant.id), 'not_found');
    // Reading is all it gives: bob cannot end it.
    await expectAppError(revokeGrant(deps, bob, { grantId: grant.id, reason: 'mine to end?' }), 'not_found');
    // Someone who approved nothing follows nothing.
    expect(await listLiveGrantsIApproved(deps, await as('erin@example.com'))).toEqual([]);

    // Once it ends it leaves the list (it is history, in the holder's Past grants).
    await revokeGrant(deps, await as('alice@example.com'), { grantId: grant.id });
    await sweep(deps);
    expect((await listLiveGrantsIApproved(deps, bob)).map((g) => g.id)).not.toContain(grant.id);
  });
});

describe('the fingerprint /grants polls', () => {
  it('changes when a grant ends by itself, and stays put while nothing moves', async () => {
    const alice = await as('alice@example.com');
    const carol = await as('carol@example.com');
    const grant = await approvedByBob(10);
    const [aliceBefore, carolBefore, bobBefore] = await Promise.all([grantsPageVersion(deps, alice), grantsPageVersion(deps, carol), grantsPageVersion(deps, await as('bob@example.com'))]);
    expect(await grantsPageVersion(deps, alice)).toBe(aliceBefore);

    clock.advance(minutes(10));
    await sweep(deps);
    expect((await getGrant(deps, alice, grant.id)).status).toMatch(/^(expired|revoking)$/);
    // The holder, an admin (everyone's grants) and the approver all see the change.
    expect(await grantsPageVersion(deps, alice)).not.toBe(aliceBefore);
    expect(await grantsPageVersion(deps, carol)).not.toBe(carolBefore);
    expect(await grantsPageVersion(deps, await as('bob@example.com'))).not.toBe(bobBefore);
  });

  it('does not move for someone the change does not concern', async () => {
    const erin = await as('erin@example.com');
    const before = await grantsPageVersion(deps, erin);
    const grant = await approvedByBob();
    expect(await grantsPageVersion(deps, erin)).toBe(before);
    await revokeGrant(deps, await as('alice@example.com'), { grantId: grant.id });
  });
});

describe('navigation facts', () => {
  it('says who may request anything now', async () => {
    expect(await mayRequestAnything(deps, await as('alice@example.com'))).toBe(true);
    expect(await mayRequestAnything(deps, await as('bob@example.com'))).toBe(true);
    expect(await mayRequestAnything(deps, await as('carol@example.com'))).toBe(false);
    expect(await mayRequestAnything(deps, await as('dave@example.com'))).toBe(false);
  });
});
