import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { portalConnector } from '@/lib/connectors/portal/portal-connector';
import type { Connector } from '@/lib/connectors/types';
import type { ResourceKind } from '@/lib/db/generated/enums';
import { manualClock } from '@/lib/domain/clock';
import { requestAccessInput } from '@/lib/domain/request-input';
import { PEER_ADDRESS_HEADER } from '@/lib/http/peer-address';
import { limiterSpecs } from '@/lib/http/rate-limit';
import type { ServiceDeps } from '@/lib/services/deps';
import { requestAccess } from '@/lib/services/requests/request-access';
import { createScimToken } from '@/lib/services/scim/scim-token';
import { actorContext } from '@/lib/testing/actors';
import { scimClient } from '@/lib/testing/scim-client';
import { createTestDatabase, type TestDatabase } from '@/lib/testing/test-db';

// SCIM 2.0 through the real route dispatcher and a real database, following the request sequences Okta
// and Entra ID document for their provisioning (user create → group create → add member → deactivate →
// delete), with their quirks: Okta's `replace` with a value object, Entra's capitalised ops, "False" as a
// string and members[value eq "…"] paths.
let database: TestDatabase;
let deps: ServiceDeps;
let token: string;
const BASE = 'http://timebox.test/scim/v2';

const scim = scimClient(() => deps, () => token, BASE);
const q = (filter: string) => encodeURIComponent(filter);

/** Lets members of `group` have the portal role feature-flags/admin at once (auto-approved). */
async function makeEligible(group: string) {
  const entitlement = await database.db.entitlement.findFirstOrThrow({ where: { role: 'admin', resource: { slug: 'feature-flags' } }, include: { policy: true } });
  await database.db.policy.update({ where: { id: entitlement.policy!.id }, data: { eligibleGroups: { push: group }, autoApproveGroups: { push: group } } });
}
const holdFlagsAdmin = async (email: string) =>
  requestAccess(deps, await actorContext(database.db, email), requestAccessInput.parse({ resource: 'feature-flags', role: 'admin', durationMinutes: 30, justification: 'flag flip for the test' }));

beforeAll(async () => {
  database = await createTestDatabase('demo');
  deps = { db: database.db, clock: manualClock(new Date()), connectors: new Map<ResourceKind, Connector>([['portal', portalConnector]]) };
  token = (await createScimToken(deps, await actorContext(database.db, 'carol@example.com'))).secret;
});
afterAll(async () => database?.close());

describe('SCIM authentication and discovery', () => {
  it('refuses a missing or wrong token in SCIM’s error format', async () => {
    const none = await scim('GET', '/Users', undefined, null);
    expect(none.status).toBe(401);
    expect(none.type).toBe('application/scim+json');
    expect(none.body).toMatchObject({ schemas: ['urn:ietf:params:scim:api:messages:2.0:Error'], status: '401' });
    expect((await scim('GET', '/Users', undefined, 'tbxscim_' + 'x'.repeat(43))).status).toBe(401);
    expect((await scim('GET', '/Users', undefined, 'tbx_not-a-scim-token')).status).toBe(401);
  });

  it('rate-limits an address that keeps sending bad tokens: 429 in SCIM’s format with Retry-After', async () => {
    const from = { [PEER_ADDRESS_HEADER]: '198.51.100.77' };
    const wrong = 'tbxscim_' + 'y'.repeat(43);
    for (let i = 0; i < limiterSpecs.badToken.points; i++) expect((await scim('GET', '/Users', undefined, wrong, from)).status).toBe(401);
    const limited = await scim('GET', '/Users', undefined, wrong, from);
    expect(limited.status).toBe(429);
    expect(limited.type).toBe('application/scim+json');
    expect(limited.body).toMatchObject({ schemas: ['urn:ietf:params:scim:api:messages:2.0:Error'], status: '429' });
    expect(Number(limited.headers.get('retry-after'))).toBeGreaterThan(0);
    // While blocked, even the right token is refused from there; another address is unaffected.
    expect((await scim('GET', '/Users', undefined, token, from)).status).toBe(429);
    expect((await scim('GET', '/Users', undefined, token, { [PEER_ADDRESS_HEADER]: '198.51.100.78' })).status).toBe(200);
    expect(await database.db.auditEvent.count({ where: { action: 'security.rate_limited', ip: '198.51.100.77' } })).toBe(1);
  });

  it('describes itself: ServiceProviderConfig, ResourceTypes, Schemas', async () => {
    expect((await scim('GET', '/ServiceProviderConfig')).body).toMatchObject({ patch: { supported: true }, bulk: { supported: false }, filter: { supported: true } });
    expect((await scim('GET', '/ResourceTypes')).body.Resources.map((r: { id: string }) => r.id)).toEqual(['User', 'Group']);
    const schemas = await scim('GET', '/Schemas');
    expect(schemas.body.totalResults).toBe(2);
    expect((await scim('GET', '/Schemas/urn:ietf:params:scim:schemas:core:2.0:User')).body.name).toBe('User');
    expect((await scim('GET', '/Nope')).status).toBe(404);
  });

  it('answers bad filters and bad bodies with scimType, never a 500', async () => {
    expect((await scim('GET', `/Users?filter=${q('title co "x"')}`)).body).toMatchObject({ status: '400', scimType: 'invalidFilter' });
    expect((await scim('GET', `/Users?filter=${q('nickName eq "x"')}`)).body).toMatchObject({ status: '400', scimType: 'invalidFilter' });
    expect((await scim('POST', '/Users', { displayName: 'no user name' })).body).toMatchObject({ status: '400', scimType: 'invalidValue' });
    expect((await scim('PATCH', '/Users/not-a-uuid', { Operations: [{ op: 'replace', path: 'active', value: false }] })).status).toBe(404);
    expect((await scim('PATCH', '/Groups/00000000-0000-4000-8000-000000000000', { Operations: [{ op: 'Explode' }] })).body).toMatchObject({ status: '400', scimType: 'invalidSyntax' });
    expect((await scim('POST', '/Users', { userName: 'alice@example.com' })).body).toMatchObject({ status: '409', scimType: 'uniqueness' });
  });

  it('pages with startIndex and count', async () => {
    const all = await scim('GET', '/Users');
    expect(all.body.totalResults).toBeGreaterThanOrEqual(6);
    const page = await scim('GET', '/Users?startIndex=2&count=2');
    expect(page.body).toMatchObject({ startIndex: 2, itemsPerPage: 2, totalResults: all.body.totalResults });
    expect(page.body.Resources.map((u: { id: string }) => u.id)).toEqual(all.body.Resources.slice(1, 3).map((u: { id: string }) => u.id));
  });
});

describe('the Okta sequence', () => {
  it('creates, groups, deactivates and deletes a user — and deactivation ends their grant', async () => {
    const userName = 'olive.okta@example.com';
    expect((await scim('GET', `/Users?filter=${q(`userName eq "${userName}"`)}&startIndex=1&count=100`)).body.totalResults).toBe(0);
    const created = await scim('POST', '/Users', {
      schemas: ['urn:ietf:params:scim:schemas:core:2.0:User'],
      userName,
      name: { givenName: 'Olive', familyName: 'Okta' },
      emails: [{ primary: true, value: userName, type: 'work' }],
      displayName: 'Olive Okta',
      active: true,
      externalId: '00u1abcd',
    });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ userName, displayName: 'Olive Okta', active: true, externalId: '00u1abcd' });
    const userId: string = created.body.id;
    expect((await scim('GET', `/Users?filter=${q(`userName eq "${userName.toUpperCase()}"`)}`)).body.totalResults).toBe(1);

    expect((await scim('GET', `/Groups?filter=${q('displayName eq "okta-flags"')}`)).body.totalResults).toBe(0);
    const group = await scim('POST', '/Groups', { schemas: ['urn:ietf:params:scim:schemas:core:2.0:Group'], displayName: 'okta-flags', members: [] });
    expect(group.status).toBe(201);
    const added = await scim('PATCH', `/Groups/${group.body.id}`, {
      schemas: ['urn:ietf:params:scim:api:messages:2.0:PatchOp'],
      Operations: [{ op: 'add', path: 'members', value: [{ value: userId, display: userName }] }],
    });
    expect(added.body.members).toEqual([expect.objectContaining({ value: userId })]);
    // The SCIM group makes her eligible, and she holds a live grant.
    await makeEligible('okta-flags');
    const request = await holdFlagsAdmin(userName);
    expect(request.grant).toMatchObject({ status: 'active' });

    // Okta deactivates with a value object.
    const deactivated = await scim('PATCH', `/Users/${userId}`, { schemas: ['urn:ietf:params:scim:api:messages:2.0:PatchOp'], Operations: [{ op: 'replace', value: { active: false } }] });
    expect(deactivated.body.active).toBe(false);
    expect(await database.db.grant.findUniqueOrThrow({ where: { id: request.grant!.id } })).toMatchObject({ status: 'revoked', revokeReason: 'user_disabled' });
    const disabled = await database.db.auditEvent.findFirstOrThrow({ where: { action: 'user.disabled', data: { path: ['email'], equals: userName } } });
    expect(disabled).toMatchObject({ actorLabel: 'system:scim', data: { via: 'scim', grantsEnded: 1 } });

    expect((await scim('DELETE', `/Users/${userId}`)).status).toBe(204);
    expect((await scim('GET', `/Users/${userId}`)).status).toBe(404);
    expect((await scim('GET', `/Groups/${group.body.id}`)).body.members).toEqual([]);
    const actions = (await database.db.auditEvent.findMany({ where: { actorLabel: 'system:scim' }, orderBy: { seq: 'asc' } })).map((e) => e.action);
    expect(actions).toEqual(expect.arrayContaining(['scim.user_created', 'scim.group_created', 'scim.group_updated', 'user.disabled', 'grant.revoke_requested', 'scim.user_deleted']));
  });
});

describe('the Entra ID sequence', () => {
  it('handles capitalised ops, "False" strings and members[value eq] paths', async () => {
    const userName = 'ezra.entra@example.com';
    expect((await scim('GET', `/Users?filter=${q(`userName eq "${userName}"`)}`)).body.totalResults).toBe(0);
    const created = await scim('POST', '/Users', {
      schemas: ['urn:ietf:params:scim:schemas:core:2.0:User', 'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User'],
      externalId: 'ezra',
      userName,
      active: true,
      displayName: 'Ezra Entra',
      emails: [{ primary: true, type: 'work', value: userName }],
      meta: { resourceType: 'User' },
      name: { formatted: 'Ezra Entra', familyName: 'Entra', givenName: 'Ezra' },
      'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User': { department: 'SRE' },
    });
    expect(created.status).toBe(201);
    const userId: string = created.body.id;
    const renamed = await scim('PATCH', `/Users/${userId}`, {
      schemas: ['urn:ietf:params:scim:api:messages:2.0:PatchOp'],
      Operations: [
        { op: 'Replace', path: 'displayName', value: 'Ezra E. Entra' },
        { op: 'Add', path: 'emails[type eq "work"].value', value: userName },
        { op: 'Replace', path: 'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:department', value: 'Platform' },
      ],
    });
    expect(renamed.body).toMatchObject({ displayName: 'Ezra E. Entra', active: true });

    // Entra creates the group without members, then adds them.
    const group = await scim('POST', '/Groups', { schemas: ['urn:ietf:params:scim:schemas:core:2.0:Group'], externalId: 'grp-1', displayName: 'entra-flags', members: [] });
    const other = (await scim('POST', '/Users', { userName: 'otto.entra@example.com', active: true })).body.id as string;
    await scim('PATCH', `/Groups/${group.body.id}`, { schemas: ['urn:ietf:params:scim:api:messages:2.0:PatchOp'], Operations: [{ op: 'Add', path: 'members', value: [{ value: userId }, { value: other }] }] });
    const removed = await scim('PATCH', `/Groups/${group.body.id}`, { schemas: ['urn:ietf:params:scim:api:messages:2.0:PatchOp'], Operations: [{ op: 'Remove', path: `members[value eq "${other}"]` }] });
    expect(removed.body.members.map((m: { value: string }) => m.value)).toEqual([userId]);
    expect((await scim('GET', `/Groups?filter=${q('displayName eq "entra-flags"')}&excludedAttributes=members`)).body.Resources[0].members).toBeUndefined();

    await makeEligible('entra-flags');
    const request = await holdFlagsAdmin(userName);
    expect(request.grant).toMatchObject({ status: 'active' });
    const off = await scim('PATCH', `/Users/${userId}`, { schemas: ['urn:ietf:params:scim:api:messages:2.0:PatchOp'], Operations: [{ op: 'Replace', path: 'active', value: 'False' }] });
    expect(off.body.active).toBe(false);
    expect(await database.db.grant.findUniqueOrThrow({ where: { id: request.grant!.id } })).toMatchObject({ status: 'revoked', revokeReason: 'user_disabled' });
    expect((await scim('DELETE', `/Users/${userId}`)).status).toBe(204);
    expect((await scim('DELETE', `/Groups/${group.body.id}`)).status).toBe(204);
    expect((await scim('GET', `/Groups/${group.body.id}`)).status).toBe(404);
  });
});

describe('deactivation and a grant caught mid-provisioning', () => {
  it('ends it too: the target may already hold the access', async () => {
    const id = (await scim('POST', '/Users', { userName: 'mia.midway@example.com', active: true })).body.id as string;
    const group = (await scim('POST', '/Groups', { displayName: 'midway-flags', members: [{ value: id }] })).body.id as string;
    expect(group).toBeTruthy();
    await makeEligible('midway-flags');
    const request = await holdFlagsAdmin('mia.midway@example.com');
    // As if the sweep had claimed the grant and were inside the connector call right now.
    await database.db.grant.update({ where: { id: request.grant!.id }, data: { status: 'provisioning' } });
    await scim('PATCH', `/Users/${id}`, { Operations: [{ op: 'Replace', path: 'active', value: 'False' }] });
    expect(await database.db.grant.findUniqueOrThrow({ where: { id: request.grant!.id } })).toMatchObject({ status: 'revoked', revokeReason: 'user_disabled' });
  });
});

describe('more of what Okta and Entra ID send', () => {
  const PATCH_OP = 'urn:ietf:params:scim:api:messages:2.0:PatchOp';
  const user = (id: string) => database.db.user.findUniqueOrThrow({ where: { id } });

  it('Okta: profile push by PUT (deactivate, reactivate), group rename by value object, member removal by filter, group PUT', async () => {
    const userName = 'pat.okta@example.com';
    const id = (await scim('POST', '/Users', { schemas: ['urn:ietf:params:scim:schemas:core:2.0:User'], userName, name: { givenName: 'Pat', familyName: 'Okta' }, active: true })).body.id as string;
    const full = { schemas: ['urn:ietf:params:scim:schemas:core:2.0:User'], id, userName, name: { givenName: 'Patricia', familyName: 'Okta' }, emails: [{ primary: true, value: userName, type: 'work' }] };
    // PUT without `active` means active (Okta's profile push); with active=false it offboards.
    expect((await scim('PUT', `/Users/${id}`, full)).body).toMatchObject({ displayName: 'Patricia Okta', active: true });
    expect((await scim('PUT', `/Users/${id}`, { ...full, active: false })).body.active).toBe(false);
    expect((await user(id)).disabledAt).not.toBeNull();
    expect((await scim('PUT', `/Users/${id}`, { ...full, active: true })).body.active).toBe(true);
    expect((await user(id)).disabledAt).toBeNull();

    const other = (await scim('POST', '/Users', { userName: 'quinn.okta@example.com', active: true })).body.id as string;
    const group = (await scim('POST', '/Groups', { schemas: ['urn:ietf:params:scim:schemas:core:2.0:Group'], displayName: 'okta-team', members: [{ value: id }, { value: other }] })).body.id as string;
    const renamed = await scim('PATCH', `/Groups/${group}`, { schemas: [PATCH_OP], Operations: [{ op: 'replace', value: { id: group, displayName: 'okta-team-renamed' } }] });
    expect(renamed.body.displayName).toBe('okta-team-renamed');
    await scim('PATCH', `/Groups/${group}`, { schemas: [PATCH_OP], Operations: [{ op: 'remove', path: `members[value eq "${other}"]` }] });
    const found = await scim('GET', `/Groups?filter=${q('displayName eq "okta-team-renamed"')}&startIndex=1&count=100`);
    expect(found.body.totalResults).toBe(1);
    expect(found.body.Resources[0].members.map((m: { value: string }) => m.value)).toEqual([id]);
    // A full replacement of the group swaps the member list.
    const put = await scim('PUT', `/Groups/${group}`, { schemas: ['urn:ietf:params:scim:schemas:core:2.0:Group'], displayName: 'okta-team-renamed', members: [{ value: other }] });
    expect(put.body.members.map((m: { value: string }) => m.value)).toEqual([other]);
    const events = await database.db.auditEvent.findMany({ where: { action: 'scim.group_updated', data: { path: ['groupId'], equals: group } }, orderBy: { seq: 'asc' } });
    expect(events.map((e) => e.data)).toEqual([
      expect.objectContaining({ renamedFrom: 'okta-team', added: [], removed: [] }),
      expect.objectContaining({ removed: ['quinn.okta@example.com'] }),
      expect.objectContaining({ added: ['quinn.okta@example.com'], removed: ['pat.okta@example.com'] }),
    ]);
  });

  it('Entra ID: the connection test, Remove with a value list, and "True" to reactivate', async () => {
    // Entra's "Test connection" filters for a user that does not exist and expects an empty list.
    const probe = await scim('GET', `/Users?filter=${q('userName eq "2b7b8e9e-0c4e-4c1f-9d6b-6a2f1c0d9e11"')}`);
    expect(probe).toMatchObject({ status: 200, body: { totalResults: 0, Resources: [] } });

    const id = (await scim('POST', '/Users', { userName: 'rae.entra@example.com', active: true, externalId: 'rae' })).body.id as string;
    const group = (await scim('POST', '/Groups', { displayName: 'entra-team', externalId: 'grp-2', members: [] })).body.id as string;
    await scim('PATCH', `/Groups/${group}`, { schemas: [PATCH_OP], Operations: [{ op: 'Add', path: 'members', value: [{ value: id }] }] });
    const removed = await scim('PATCH', `/Groups/${group}`, { schemas: [PATCH_OP], Operations: [{ op: 'Remove', path: 'members', value: [{ value: id }] }] });
    expect(removed.body.members).toEqual([]);

    expect((await scim('PATCH', `/Users/${id}`, { schemas: [PATCH_OP], Operations: [{ op: 'Replace', path: 'active', value: 'False' }] })).body.active).toBe(false);
    expect((await scim('PATCH', `/Users/${id}`, { schemas: [PATCH_OP], Operations: [{ op: 'Replace', path: 'active', value: 'True' }] })).body.active).toBe(true);
    expect((await user(id)).disabledAt).toBeNull();
    expect((await scim('GET', `/Users?filter=${q('externalId eq "rae"')}`)).body.Resources.map((u: { id: string }) => u.id)).toEqual([id]);
    // A value Entra could never mean is refused in SCIM's terms, not guessed.
    expect((await scim('PATCH', `/Users/${id}`, { schemas: [PATCH_OP], Operations: [{ op: 'Replace', path: 'active', value: 'maybe' }] })).body).toMatchObject({ status: '400', scimType: 'invalidValue' });
  });
});

describe('SCIM and Timebox-managed groups', () => {
  it('never sees, renames or fills a group managed in Timebox, and refuses its name', async () => {
    const listed = (await scim('GET', '/Groups')).body.Resources.map((g: { displayName: string }) => g.displayName);
    expect(listed).not.toContain('sre-leads');
    expect((await scim('POST', '/Groups', { displayName: 'sre-leads', members: [] })).body).toMatchObject({ status: '409', scimType: 'uniqueness' });
    const local = await database.db.group.findUniqueOrThrow({ where: { name: 'sre-leads' } });
    expect((await scim('PATCH', `/Groups/${local.id}`, { Operations: [{ op: 'add', path: 'members', value: [{ value: local.id }] }] })).status).toBe(404);
    expect((await scim('DELETE', `/Groups/${local.id}`)).status).toBe(404);
    const mine = await scim('POST', '/Groups', { displayName: 'scim-only', members: [] });
    expect((await scim('PATCH', `/Groups/${mine.body.id}`, { Operations: [{ op: 'Replace', path: 'displayName', value: 'engineering' }] })).body).toMatchObject({ status: '409' });
  });

  it('stops the old token when the admin rotates it', async () => {
    const old = token;
    token = (await createScimToken(deps, await actorContext(database.db, 'carol@example.com'))).secret;
    expect((await scim('GET', '/Users', undefined, old)).status).toBe(401);
    expect((await scim('GET', '/Users')).status).toBe(200);
  });
});
