import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadActor } from '@/lib/auth/load-actor';
import { systemClock } from '@/lib/domain/clock';
import { createTestDatabase, type TestDatabase } from '@/lib/testing/test-db';
import type { ServiceDeps } from './deps';
import { findDevLoginUser, getOwnSshPublicKey, listDevLoginEmails, OidcSignInRefused, upsertOidcUser } from './users';

let database: TestDatabase;
let deps: ServiceDeps;
const ISSUER = 'https://idp.example.test';
beforeAll(async () => {
  database = await createTestDatabase('demo');
  deps = { db: database.db, clock: systemClock, connectors: new Map() };
});
afterAll(async () => database?.close());

const groupsOf = async (email: string) =>
  (await database.db.groupMembership.findMany({ where: { user: { email } }, include: { group: true } })).map((m) => m.group.name).sort();

describe('upsertOidcUser', () => {
  it('creates the user with the groups from the claim and audits it', async () => {
    const id = await upsertOidcUser(deps, { issuer: ISSUER, email: 'Grace@Example.com', emailVerified: true, name: 'Grace Hopper', subject: 'sub-1', groups: ['platform', 'sre-leads'] });
    const user = await database.db.user.findUniqueOrThrow({ where: { id } });
    expect(user).toMatchObject({ email: 'grace@example.com', name: 'Grace Hopper', source: 'oidc', role: 'member' });
    expect(await groupsOf('grace@example.com')).toEqual(['platform']);
    const events = await database.db.auditEvent.findMany({ where: { actorId: id } });
    expect(events.map((e) => e.action)).toEqual(['user.created']);
  });

  it('mirrors the claim at the next sign-in and never touches Timebox-managed groups', async () => {
    const id = await upsertOidcUser(deps, { issuer: ISSUER, email: 'grace@example.com', subject: 'sub-1', groups: ['db-admins'] });
    expect(await groupsOf('grace@example.com')).toEqual(['db-admins']);
    // sre-leads is a local group: an IdP claim of the same name must not grant it.
    const local = await database.db.group.findUniqueOrThrow({ where: { name: 'sre-leads' } });
    expect(local.source).toBe('local');
    expect((await database.db.user.findUniqueOrThrow({ where: { id } })).name).toBe('Grace Hopper');
  });
});

describe('upsertOidcUser matching (issuer + subject first)', () => {
  const refusal = (promise: Promise<unknown>) => promise.then(() => null, (e: unknown) => (e instanceof OidcSignInRefused ? e.reason : e));

  it('refuses an unverified e-mail unless configured otherwise, writing nothing', async () => {
    const claims = { issuer: ISSUER, subject: 'sub-unverified', email: 'newbie@example.com', groups: [] };
    expect(await refusal(upsertOidcUser(deps, claims))).toBe('EmailNotVerified');
    expect(await refusal(upsertOidcUser(deps, { ...claims, emailVerified: 'false' }))).toBe('EmailNotVerified');
    expect(await database.db.user.findUnique({ where: { email: 'newbie@example.com' } })).toBeNull();
    expect(await upsertOidcUser(deps, claims, { allowUnverifiedEmail: true })).toEqual(expect.any(String));
  });

  it('never lets an unverified address take over an existing account (the admin)', async () => {
    expect(await refusal(upsertOidcUser(deps, { issuer: ISSUER, subject: 'attacker', email: 'carol@example.com', groups: [] }))).toBe('EmailNotVerified');
    const carol = await database.db.user.findUniqueOrThrow({ where: { email: 'carol@example.com' } });
    expect(carol.oidcSubject).toBeNull();
  });

  it('links an unlinked account on a verified e-mail once, and never re-links it to another subject', async () => {
    const id = await upsertOidcUser(deps, { issuer: ISSUER, subject: 'erin-at-idp', email: 'erin@example.com', emailVerified: 'True', groups: [] });
    expect(await database.db.user.findUniqueOrThrow({ where: { id } })).toMatchObject({ email: 'erin@example.com', oidcIssuer: ISSUER, oidcSubject: 'erin-at-idp' });
    expect(await refusal(upsertOidcUser(deps, { issuer: ISSUER, subject: 'someone-else', email: 'erin@example.com', emailVerified: true, groups: [] }))).toBe('AccountLinked');
    expect(await refusal(upsertOidcUser(deps, { issuer: 'https://other-idp.test', subject: 'erin-at-idp', email: 'erin@example.com', emailVerified: true, groups: [] }))).toBe('AccountLinked');
  });

  it('finds the user by subject when the IdP changes their address', async () => {
    const id = await upsertOidcUser(deps, { issuer: ISSUER, subject: 'erin-at-idp', email: 'erin.evans@example.com', groups: ['platform'] });
    expect(await database.db.user.findUniqueOrThrow({ where: { id } })).toMatchObject({ email: 'erin.evans@example.com', oidcSubject: 'erin-at-idp' });
    expect(await groupsOf('erin.evans@example.com')).toEqual(['engineering', 'platform']);
  });

  it('refuses a disabled user', async () => {
    await database.db.user.update({ where: { email: 'erin.evans@example.com' }, data: { disabledAt: new Date() } });
    expect(await refusal(upsertOidcUser(deps, { issuer: ISSUER, subject: 'erin-at-idp', email: 'erin.evans@example.com', groups: [] }))).toBe('AccountDisabled');
  });
});

describe('findDevLoginUser', () => {
  it('signs in seeded users only', async () => {
    expect(await findDevLoginUser(database.db, ' ALICE@example.com ')).toMatchObject({ email: 'alice@example.com' });
    expect(await findDevLoginUser(database.db, 'grace@example.com')).toBeNull();
    expect(await findDevLoginUser(database.db, 'nobody@example.com')).toBeNull();
  });
});

describe('listDevLoginEmails', () => {
  it('offers the enabled seeded users, sorted, and nobody else', async () => {
    const before = await listDevLoginEmails(database);
    expect(before).toContain('alice@example.com');
    expect(before).not.toContain('grace@example.com'); // signed in through OIDC above
    expect(before).toEqual([...before].sort());
    await database.db.user.update({ where: { email: 'alice@example.com' }, data: { disabledAt: new Date() } });
    try {
      expect(await listDevLoginEmails(database)).not.toContain('alice@example.com');
    } finally {
      await database.db.user.update({ where: { email: 'alice@example.com' }, data: { disabledAt: null } });
    }
  });
});

describe('getOwnSshPublicKey', () => {
  it("reads the actor's own saved key, and nobody else's", async () => {
    const key = 'ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIOwn0000000000000000000000000000000000000000';
    await database.db.user.update({ where: { email: 'bob@example.com' }, data: { sshPublicKey: key } });
    const ctxOf = async (email: string) => ({ actor: (await loadActor(database.db, (await database.db.user.findUniqueOrThrow({ where: { email } })).id))!, via: 'web' as const });
    expect(await getOwnSshPublicKey(database, await ctxOf('bob@example.com'))).toBe(key);
    expect(await getOwnSshPublicKey(database, await ctxOf('alice@example.com'))).toBeNull();
  });
});
