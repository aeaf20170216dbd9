import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { portalConnector } from '@/lib/connectors/portal/portal-connector';
import type { Connector } from '@/lib/connectors/types';
import type { ResourceKind } from '@/lib/db/generated/enums';
import { manualClock } from '@/lib/domain/clock';
import { requestAccessInput } from '@/lib/domain/request-input';
import type { ServiceDeps } from '@/lib/services/deps';
import { requestAccess } from '@/lib/services/requests/request-access';
import { createScimToken } from '@/lib/services/scim/scim-token';
import { upsertOidcUser } from '@/lib/services/users';
import { actorContext } from '@/lib/testing/actors';
import { scimClient } from '@/lib/testing/scim-client';
import { createTestDatabase, type TestDatabase } from '@/lib/testing/test-db';

// What the IdP's groups decide beyond eligibility, through the real OIDC upsert and the real SCIM
// dispatcher: portal roles (TIMEBOX_ADMIN_GROUPS, TIMEBOX_AUDITOR_GROUPS, TIMEBOX_ROLES_FROM_IDP) and
// the end of grants a lost group carried (TIMEBOX_REVOKE_ON_GROUP_LOSS). The settings are read from the
// environment at each call, as the server reads them.
let database: TestDatabase;
let deps: ServiceDeps;
let token: string;
const ISSUER = 'https://idp.example.test';
const scim = scimClient(() => deps, () => token);
const PATCH_OP = 'urn:ietf:params:scim:api:messages:2.0:PatchOp';

const SETTINGS = ['TIMEBOX_ADMIN_GROUPS', 'TIMEBOX_AUDITOR_GROUPS', 'TIMEBOX_ROLES_FROM_IDP', 'TIMEBOX_REVOKE_ON_GROUP_LOSS'] as const;
const envWas = Object.fromEntries(SETTINGS.map((name) => [name, process.env[name]]));
function setEnv(values: Partial<Record<(typeof SETTINGS)[number], string>>) {
  for (const name of SETTINGS) {
    if (values[name] === undefined) delete process.env[name];
    else process.env[name] = values[name];
  }
}

const signIn = (subject: string, email: string, groups: string[]) => upsertOidcUser(deps, { issuer: ISSUER, subject, email, emailVerified: true, name: null, groups });
const userByEmail = (email: string) => database.db.user.findUniqueOrThrow({ where: { email } });
const roleChanges = async (email: string) =>
  (await database.db.auditEvent.findMany({ where: { action: 'user.role_changed', data: { path: ['email'], equals: email } }, orderBy: { seq: 'asc' } })).map((e) => ({ actor: e.actorLabel, ...(e.data as { email: string; from: string; to: string; via: string; idpDecides: boolean }) }));

/** Lets members of `group` hold the portal role feature-flags/admin at once (auto-approved). */
async function makeEligible(group: string) {
  const entitlement = await database.db.entitlement.findFirstOrThrow({ where: { role: 'admin', resource: { slug: 'feature-flags' } }, include: { policy: true } });
  await database.db.policy.update({ where: { id: entitlement.policy!.id }, data: { eligibleGroups: { push: group }, autoApproveGroups: { push: group } } });
}
async function holdFlagsAdmin(email: string) {
  const request = await requestAccess(deps, await actorContext(database.db, email), requestAccessInput.parse({ resource: 'feature-flags', role: 'admin', durationMinutes: 30, justification: 'flag flip for the test' }));
  expect(request.grant).toMatchObject({ status: 'active' });
  return request.grant!.id;
}
const grant = (id: string) => database.db.grant.findUniqueOrThrow({ where: { id } });
const scimUser = async (userName: string) => (await scim('POST', '/Users', { userName, active: true })).body.id as string;
const scimGroup = async (displayName: string, members: string[]) => (await scim('POST', '/Groups', { displayName, members: members.map((value) => ({ value })) })).body.id as string;
const removeMember = (groupId: string, userId: string) => scim('PATCH', `/Groups/${groupId}`, { schemas: [PATCH_OP], Operations: [{ op: 'Remove', path: `members[value eq "${userId}"]` }] });

beforeAll(async () => {
  database = await createTestDatabase('demo');
  deps = { db: database.db, clock: manualClock(new Date()), connectors: new Map<ResourceKind, Connector>([['portal', portalConnector]]) };
  token = (await createScimToken(deps, await actorContext(database.db, 'carol@example.com'))).secret;
});
afterEach(() => setEnv(envWas));
afterAll(async () => database?.close());

describe('portal roles from IdP groups at OIDC sign-in', () => {
  it('gives and takes back admin and auditor as the groups claim changes, and audits each change', async () => {
    setEnv({ TIMEBOX_ADMIN_GROUPS: 'tbx-admins', TIMEBOX_AUDITOR_GROUPS: 'tbx-auditors, Compliance Team' });
    await signIn('sub-rita', 'rita@example.com', ['platform', 'tbx-admins']);
    expect(await userByEmail('rita@example.com')).toMatchObject({ role: 'admin', roleFromIdp: true });
    await signIn('sub-rita', 'rita@example.com', ['Compliance Team']);
    expect((await userByEmail('rita@example.com')).role).toBe('auditor');
    await signIn('sub-rita', 'rita@example.com', ['platform']);
    expect(await userByEmail('rita@example.com')).toMatchObject({ role: 'member', roleFromIdp: false });
    expect(await roleChanges('rita@example.com')).toEqual([
      { actor: 'system:oidc', email: 'rita@example.com', from: 'member', to: 'admin', via: 'oidc', idpDecides: false },
      { actor: 'system:oidc', email: 'rita@example.com', from: 'admin', to: 'auditor', via: 'oidc', idpDecides: false },
      { actor: 'system:oidc', email: 'rita@example.com', from: 'auditor', to: 'member', via: 'oidc', idpDecides: false },
    ]);
  });

  it('keeps a role given by hand, unless TIMEBOX_ROLES_FROM_IDP=true', async () => {
    setEnv({ TIMEBOX_ADMIN_GROUPS: 'tbx-admins', TIMEBOX_AUDITOR_GROUPS: 'tbx-auditors' });
    // Dave is the demo auditor, made so in the portal (the seed), not by the IdP.
    await signIn('sub-dave', 'dave@example.com', []);
    expect((await userByEmail('dave@example.com')).role).toBe('auditor');
    expect(await roleChanges('dave@example.com')).toEqual([]);

    setEnv({ TIMEBOX_ADMIN_GROUPS: 'tbx-admins', TIMEBOX_AUDITOR_GROUPS: 'tbx-auditors', TIMEBOX_ROLES_FROM_IDP: 'true' });
    await signIn('sub-dave', 'dave@example.com', []);
    expect((await userByEmail('dave@example.com')).role).toBe('member');
    await signIn('sub-dave', 'dave@example.com', ['tbx-auditors']);
    expect((await userByEmail('dave@example.com')).role).toBe('auditor');
    expect((await roleChanges('dave@example.com')).map((c) => [c.from, c.to, c.idpDecides])).toEqual([
      ['auditor', 'member', true],
      ['member', 'auditor', true],
    ]);
  });

  it('changes nothing when no group is configured', async () => {
    setEnv({});
    await signIn('sub-rita', 'rita@example.com', ['tbx-admins']);
    expect((await userByEmail('rita@example.com')).role).toBe('member');
  });
});

describe('portal roles from IdP groups through SCIM', () => {
  it('follows group membership changes and user updates', async () => {
    setEnv({ TIMEBOX_ADMIN_GROUPS: 'Timebox Admins', TIMEBOX_AUDITOR_GROUPS: 'Timebox Auditors' });
    const sam = await scimUser('sam.scim@example.com');
    const admins = await scimGroup('Timebox Admins', [sam]);
    expect((await userByEmail('sam.scim@example.com')).role).toBe('admin');
    expect((await removeMember(admins, sam)).status).toBe(200);
    expect((await userByEmail('sam.scim@example.com')).role).toBe('member');

    // A group nobody named yet; naming it later takes effect at the next SCIM update of the user.
    await scimGroup('Compliance Readers', [sam]);
    setEnv({ TIMEBOX_ADMIN_GROUPS: 'Timebox Admins', TIMEBOX_AUDITOR_GROUPS: 'Timebox Auditors,Compliance Readers' });
    await scim('PATCH', `/Users/${sam}`, { schemas: [PATCH_OP], Operations: [{ op: 'Replace', path: 'displayName', value: 'Sam Scim' }] });
    expect((await userByEmail('sam.scim@example.com')).role).toBe('auditor');

    // Deleting the group that gave the role takes it back.
    await scim('PATCH', `/Groups/${admins}`, { schemas: [PATCH_OP], Operations: [{ op: 'Add', path: 'members', value: [{ value: sam }] }] });
    expect((await userByEmail('sam.scim@example.com')).role).toBe('admin');
    expect((await scim('DELETE', `/Groups/${admins}`)).status).toBe(204);
    expect((await userByEmail('sam.scim@example.com')).role).toBe('auditor');
    expect((await roleChanges('sam.scim@example.com')).map((c) => [c.actor, c.from, c.to])).toEqual([
      ['system:scim', 'member', 'admin'],
      ['system:scim', 'admin', 'member'],
      ['system:scim', 'member', 'auditor'],
      ['system:scim', 'auditor', 'admin'],
      ['system:scim', 'admin', 'auditor'],
    ]);
  });
});

describe('grants on group loss (TIMEBOX_REVOKE_ON_GROUP_LOSS)', () => {
  it('keeps live grants by default: they were approved for a bounded time', async () => {
    setEnv({});
    const kim = await scimUser('kim.keep@example.com');
    const group = await scimGroup('keep-flags', [kim]);
    await makeEligible('keep-flags');
    const grantId = await holdFlagsAdmin('kim.keep@example.com');
    await removeMember(group, kim);
    expect((await grant(grantId)).status).toBe('active');

    await signIn('sub-ken', 'ken.keep@example.com', ['oidc-keep-flags']);
    await makeEligible('oidc-keep-flags');
    const kensGrant = await holdFlagsAdmin('ken.keep@example.com');
    await signIn('sub-ken', 'ken.keep@example.com', []);
    expect((await grant(kensGrant)).status).toBe('active');
  });

  it('ends a grant only when no remaining group makes its holder eligible (SCIM)', async () => {
    setEnv({ TIMEBOX_REVOKE_ON_GROUP_LOSS: 'true' });
    const lou = await scimUser('lou.loss@example.com');
    const first = await scimGroup('loss-flags-a', [lou]);
    const second = await scimGroup('loss-flags-b', [lou]);
    await makeEligible('loss-flags-a');
    await makeEligible('loss-flags-b');
    const grantId = await holdFlagsAdmin('lou.loss@example.com');

    await removeMember(first, lou);
    expect((await grant(grantId)).status).toBe('active');
    await removeMember(second, lou);
    expect(await grant(grantId)).toMatchObject({ status: 'revoked', revokeReason: 'group_removed', endReason: 'revoked' });
    const events = await database.db.auditEvent.findMany({ where: { grantId }, orderBy: { seq: 'asc' } });
    expect(events.slice(-2).map((e) => [e.action, e.actorLabel])).toEqual([
      ['grant.revoke_requested', 'system:scim'],
      ['grant.revoked', 'system:scheduler'],
    ]);
    expect(events.at(-2)!.data).toEqual({ reason: 'group_removed' });
  });

  it('ends grants when the group is deleted or renamed away', async () => {
    setEnv({ TIMEBOX_REVOKE_ON_GROUP_LOSS: 'true' });
    const max = await scimUser('max.loss@example.com');
    const deleted = await scimGroup('loss-flags-deleted', [max]);
    await makeEligible('loss-flags-deleted');
    const deletedGrant = await holdFlagsAdmin('max.loss@example.com');
    expect((await scim('DELETE', `/Groups/${deleted}`)).status).toBe(204);
    expect(await grant(deletedGrant)).toMatchObject({ status: 'revoked', revokeReason: 'group_removed' });

    const renamed = await scimGroup('loss-flags-renamed', [max]);
    await makeEligible('loss-flags-renamed');
    const renamedGrant = await holdFlagsAdmin('max.loss@example.com');
    await scim('PATCH', `/Groups/${renamed}`, { schemas: [PATCH_OP], Operations: [{ op: 'Replace', path: 'displayName', value: 'loss-flags-new-name' }] });
    expect(await grant(renamedGrant)).toMatchObject({ status: 'revoked', revokeReason: 'group_removed' });
  });

  it('ends a grant at the OIDC sign-in that no longer claims its group', async () => {
    setEnv({ TIMEBOX_REVOKE_ON_GROUP_LOSS: 'true' });
    await signIn('sub-olga', 'olga.loss@example.com', ['oidc-loss-flags', 'platform']);
    await makeEligible('oidc-loss-flags');
    const grantId = await holdFlagsAdmin('olga.loss@example.com');
    await signIn('sub-olga', 'olga.loss@example.com', ['oidc-loss-flags']);
    expect((await grant(grantId)).status).toBe('active');
    await signIn('sub-olga', 'olga.loss@example.com', ['platform']);
    expect(await grant(grantId)).toMatchObject({ status: 'revoked', revokeReason: 'group_removed' });
    const requested = await database.db.auditEvent.findFirstOrThrow({ where: { grantId, action: 'grant.revoke_requested' } });
    expect(requested.actorLabel).toBe('system:oidc');
  });
});
