import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { manualClock } from '@/lib/domain/clock';
import { disableUser } from '@/lib/services/identity/manage-users';
import { endSessionOnSignOut, sessionVersionOf, signOutEverywhere } from '@/lib/services/identity/sessions';
import { actorContext } from '@/lib/testing/actors';
import { createTestDatabase, type TestDatabase } from '@/lib/testing/test-db';
import { sessionActor } from './session-claims';

// A session cookie is only as good as the server says at each request: these are the checks
// getCurrentActor runs on every page, action and portal route.
let database: TestDatabase;
const MAX_AGE = 12 * 3600;
const now = new Date('2026-12-02T08:00:00Z');
const nowSeconds = now.getTime() / 1000;

beforeAll(async () => {
  database = await createTestDatabase('demo');
});
afterAll(async () => database?.close());

/** What the jwt callback writes at sign-in. */
async function signIn(email: string, signedInAt = nowSeconds) {
  const user = await database.db.user.findUniqueOrThrow({ where: { email } });
  return { userId: user.id, sessionVersion: (await sessionVersionOf(database.db, user.id))!, signedInAt };
}

describe('sessionActor', () => {
  it('accepts a fresh session and refuses one past AUTH_SESSION_MAX_AGE from sign-in', async () => {
    expect(await sessionActor(database.db, await signIn('alice@example.com'), now, MAX_AGE)).toMatchObject({ email: 'alice@example.com' });
    expect(await sessionActor(database.db, await signIn('alice@example.com', nowSeconds - MAX_AGE + 60), now, MAX_AGE)).not.toBeNull();
    expect(await sessionActor(database.db, await signIn('alice@example.com', nowSeconds - MAX_AGE), now, MAX_AGE)).toBeNull();
  });

  it('refuses a cookie without a session version (issued before versions existed, or forged without one)', async () => {
    const { userId } = await signIn('alice@example.com');
    expect(await sessionActor(database.db, { userId, signedInAt: nowSeconds }, now, MAX_AGE)).toBeNull();
    expect(await sessionActor(database.db, null, now, MAX_AGE)).toBeNull();
  });

  it('ends a copied cookie at sign-out, and a second sign-out with it changes nothing', async () => {
    const session = await signIn('erin@example.com');
    const copy = { ...session };
    expect(await endSessionOnSignOut(database.db, session)).toBe(true);
    expect(await sessionActor(database.db, copy, now, MAX_AGE)).toBeNull();
    expect(await endSessionOnSignOut(database.db, copy)).toBe(false);
    // Signing in again issues a session under the new version.
    expect(await sessionActor(database.db, await signIn('erin@example.com'), now, MAX_AGE)).toMatchObject({ email: 'erin@example.com' });
    expect(await database.db.auditEvent.count({ where: { action: 'user.signed_out', actorLabel: 'erin@example.com' } })).toBe(1);
  });

  it('signs out everywhere: every session of the user ends, other users keep theirs', async () => {
    const laptop = await signIn('bob@example.com');
    const phone = await signIn('bob@example.com');
    const frank = await signIn('frank@example.com');
    await signOutEverywhere(database, await actorContext(database.db, 'bob@example.com'));
    expect(await sessionActor(database.db, laptop, now, MAX_AGE)).toBeNull();
    expect(await sessionActor(database.db, phone, now, MAX_AGE)).toBeNull();
    expect(await sessionActor(database.db, frank, now, MAX_AGE)).not.toBeNull();
    const event = await database.db.auditEvent.findFirstOrThrow({ where: { action: 'user.signed_out', actorLabel: 'bob@example.com' } });
    expect(event.data).toEqual({ everywhere: true });
  });

  it("stops a disabled user's session at their next request", async () => {
    const session = await signIn('frank@example.com');
    expect(await sessionActor(database.db, session, now, MAX_AGE)).not.toBeNull();
    const deps = { db: database.db, clock: manualClock(now), connectors: new Map() };
    await disableUser(deps, await actorContext(database.db, 'carol@example.com'), { userId: session.userId });
    expect(await sessionActor(database.db, session, now, MAX_AGE)).toBeNull();
    expect(await sessionVersionOf(database.db, session.userId)).toBeNull(); // and no new session is issued
  });
});
