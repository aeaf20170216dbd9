import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PolicyInput } from '@/lib/domain/admin-input';
import { listRequestable } from '../requests/catalog';
import { archiveEntitlement } from './archive-entitlement';
import { createEntitlement } from './create-entitlement';
import { listGroups } from './list-groups';
import { adminFixture, type AdminFixture } from '@/lib/testing/admin-fixture';
import { expectAppError } from '@/lib/testing/expect-app-error';
import { updateEntitlement } from './update-entitlement';
import { upsertPolicy } from './upsert-policy';

let f: AdminFixture;
let resourceId: string;
beforeAll(async () => {
  f = await adminFixture();
  resourceId = (await f.database.db.resource.findUniqueOrThrow({ where: { slug: 'status-page' } })).id;
});
afterAll(async () => f?.database.close());

const policy = (patch: Partial<PolicyInput> = {}): PolicyInput => ({
  eligibleGroups: ['engineering'],
  approverGroups: ['sre-leads'],
  requiredApprovals: 1,
  maxDurationMinutes: 60,
  justificationRequired: true,
  ticketRequired: false,
  ticketPattern: null,
  ticketExample: null,
  justificationMinLength: 10,
  autoApproveGroups: [],
  autoApproveMaxMinutes: null,
  pendingTtlMinutes: 1440,
  breakGlassAllowed: false,
  breakGlassMaxMinutes: 60,
  breakGlassGroups: [],
  slackChannelEnv: null,
  ...patch,
});
const lastEvent = () => f.database.db.auditEvent.findFirstOrThrow({ orderBy: { seq: 'desc' } });
const entitlementId = async (role: string) => (await f.database.db.entitlement.findFirstOrThrow({ where: { resourceId, role } })).id;

describe('createEntitlement', () => {
  it('creates the role with its policy in one audited step, and eligible people can request it', async () => {
    const carol = await f.ctxOf('carol@example.com');
    const before = await f.auditCount();
    const { entitlement, warnings } = await createEntitlement(f.deps, carol, {
      resourceId,
      role: 'viewer',
      description: 'Read incident drafts',
      settings: { team: 'status' },
      policy: policy({ maxDurationMinutes: 240 }),
    });

    expect(warnings).toEqual([]);
    expect(entitlement).toMatchObject({ role: 'viewer', archivedAt: null, liveGrants: 0, policy: { maxDurationMinutes: 240, eligibleGroups: ['engineering'] } });
    expect(await f.database.db.policy.findUnique({ where: { entitlementId: entitlement.id } })).toMatchObject({ maxDurationMinutes: 240, approverGroups: ['sre-leads'] });
    expect(await f.auditCount()).toBe(before + 1);
    expect(await lastEvent()).toMatchObject({
      action: 'entitlement.created',
      actorId: carol.actor.id,
      resourceId,
      entitlementId: entitlement.id,
      data: { before: null, after: { role: 'viewer', description: 'Read incident drafts', settings: { team: 'status' }, policy: { maxDurationMinutes: 240, approverGroups: ['sre-leads'] } } },
    });
    const catalog = await listRequestable(f.deps, await f.ctxOf('alice@example.com'));
    expect(catalog.find((e) => e.resource === 'status-page' && e.role === 'viewer')).toMatchObject({ policy: { maxDurationMinutes: 240 } });
  });

  it('refuses a role name the resource already has with 409 on the role field', async () => {
    const carol = await f.ctxOf('carol@example.com');
    const before = await f.auditCount();
    await expectAppError(createEntitlement(f.deps, carol, { resourceId, role: 'editor', description: '', settings: {}, policy: policy() }), 'conflict', { field: 'role' });
    expect(await f.auditCount()).toBe(before);
  });

  it('warns about groups nobody is in, without refusing them', async () => {
    const carol = await f.ctxOf('carol@example.com');
    const { warnings } = await createEntitlement(f.deps, carol, {
      resourceId,
      role: 'oncall',
      description: '',
      settings: {},
      policy: policy({ eligibleGroups: ['engineering', 'oncall'], approverGroups: ['sre-leads'], requiredApprovals: 3 }),
    });
    expect(warnings).toEqual([
      'Group "oncall" does not exist yet, so it has no members yet.',
      'The approver groups have 2 distinct members, fewer than the 3 approvals required: requests cannot be approved until more people join.',
    ]);
  });

  it.each([
    [{ ticketPattern: '([A-Z' }, 'policy.ticketPattern'],
    [{ ticketRequired: true, ticketPattern: null }, 'policy.ticketPattern'],
    [{ autoApproveGroups: ['engineering'], autoApproveMaxMinutes: 61 }, 'policy.autoApproveMaxMinutes'],
    [{ requiredApprovals: 0 }, 'policy.requiredApprovals'],
    [{ maxDurationMinutes: 44_641 }, 'policy.maxDurationMinutes'],
    [{ pendingTtlMinutes: 4 }, 'policy.pendingTtlMinutes'],
  ])('refuses policy %j as unprocessable on %s', async (patch, field) => {
    const carol = await f.ctxOf('carol@example.com');
    await expectAppError(createEntitlement(f.deps, carol, { resourceId, role: 'broken', description: '', settings: {}, policy: policy(patch) }), 'unprocessable', { field });
    expect(await f.database.db.entitlement.findFirst({ where: { role: 'broken' } })).toBeNull();
  });

  it('refuses a bad role name', async () => {
    const carol = await f.ctxOf('carol@example.com');
    await expectAppError(createEntitlement(f.deps, carol, { resourceId, role: 'Read Only', description: '', settings: {}, policy: policy() }), 'unprocessable', { field: 'role' });
  });
});

describe('upsertPolicy', () => {
  it('records the changed policy fields before and after in one event', async () => {
    const carol = await f.ctxOf('carol@example.com');
    const id = await entitlementId('viewer');
    const before = await f.auditCount();
    const { entitlement, warnings } = await upsertPolicy(f.deps, carol, { entitlementId: id, ...policy({ maxDurationMinutes: 480, ticketRequired: true, ticketPattern: '^INC-[0-9]+$' }) });

    expect(warnings).toEqual([]);
    expect(entitlement.policy).toMatchObject({ maxDurationMinutes: 480, ticketRequired: true, ticketPattern: '^INC-[0-9]+$' });
    expect(await f.auditCount()).toBe(before + 1);
    const event = await lastEvent();
    expect(event).toMatchObject({ action: 'policy.updated', entitlementId: id, resourceId, data: { role: 'viewer', before: { maxDurationMinutes: 240, ticketRequired: false, ticketPattern: null }, after: { maxDurationMinutes: 480, ticketRequired: true, ticketPattern: '^INC-[0-9]+$' } } });
    expect(Object.keys((event.data as { after: object }).after).sort()).toEqual(['maxDurationMinutes', 'ticketPattern', 'ticketRequired']);

    // The same policy again changes nothing and records nothing.
    await upsertPolicy(f.deps, carol, { entitlementId: id, ...policy({ maxDurationMinutes: 480, ticketRequired: true, ticketPattern: '^INC-[0-9]+$' }) });
    expect(await f.auditCount()).toBe(before + 1);
  });

  it('creates the policy of a role that had none (before: null)', async () => {
    const carol = await f.ctxOf('carol@example.com');
    const bare = await f.database.db.entitlement.create({ data: { resourceId, role: 'bare' } });
    expect(await listRequestable(f.deps, await f.ctxOf('alice@example.com'))).not.toContainEqual(expect.objectContaining({ role: 'bare' }));
    await upsertPolicy(f.deps, carol, { entitlementId: bare.id, ...policy() });
    expect(await lastEvent()).toMatchObject({ action: 'policy.updated', entitlementId: bare.id, data: { before: null, after: { eligibleGroups: ['engineering'], maxDurationMinutes: 60 } } });
    expect(await listRequestable(f.deps, await f.ctxOf('alice@example.com'))).toContainEqual(expect.objectContaining({ resource: 'status-page', role: 'bare' }));
  });

  it.each([
    [{ ticketPattern: '*oops' }, 'ticketPattern'],
    [{ ticketPattern: '^OPS-(?=[0-9])' }, 'ticketPattern'],
    [{ autoApproveGroups: ['engineering'], autoApproveMaxMinutes: 120, maxDurationMinutes: 60 }, 'autoApproveMaxMinutes'],
    [{ requiredApprovals: 0 }, 'requiredApprovals'],
  ])('refuses %j as unprocessable on %s and keeps the old policy', async (patch, field) => {
    const carol = await f.ctxOf('carol@example.com');
    const id = await entitlementId('viewer');
    await expectAppError(upsertPolicy(f.deps, carol, { entitlementId: id, ...policy(patch) }), 'unprocessable', { field });
    expect(await f.database.db.policy.findUniqueOrThrow({ where: { entitlementId: id } })).toMatchObject({ maxDurationMinutes: 480, requiredApprovals: 1 });
  });

  it('answers 404 for an unknown role', async () => {
    const carol = await f.ctxOf('carol@example.com');
    await expectAppError(upsertPolicy(f.deps, carol, { entitlementId: '00000000-0000-4000-8000-000000000000', ...policy() }), 'not_found');
  });
});

describe('updateEntitlement', () => {
  it('records the changed description in one event', async () => {
    const carol = await f.ctxOf('carol@example.com');
    const id = await entitlementId('viewer');
    const before = await f.auditCount();
    const updated = await updateEntitlement(f.deps, carol, { entitlementId: id, description: 'Read drafts and history', settings: { team: 'status' } });
    expect(updated.description).toBe('Read drafts and history');
    expect(await f.auditCount()).toBe(before + 1);
    expect(await lastEvent()).toMatchObject({ action: 'entitlement.updated', entitlementId: id, data: { before: { description: 'Read incident drafts' }, after: { description: 'Read drafts and history' } } });
    expect(Object.keys((await lastEvent()).data as object).sort()).toEqual(['after', 'before', 'resource', 'role']);
  });
});

describe('archiveEntitlement', () => {
  it('is refused while grants are scheduled, active or revoking, and hides the role once archived', async () => {
    const carol = await f.ctxOf('carol@example.com');
    const id = await entitlementId('viewer');
    const scheduled = await f.givenGrant({ email: 'alice@example.com', entitlementId: id, status: 'scheduled' });
    const before = await f.auditCount();
    const error = await expectAppError(archiveEntitlement(f.deps, carol, { entitlementId: id }), 'conflict');
    expect(error.message).toContain('1 live grant');
    expect(await f.auditCount()).toBe(before);

    await f.database.db.grant.update({ where: { id: scheduled }, data: { status: 'failed' } });
    const archived = await archiveEntitlement(f.deps, carol, { entitlementId: id });
    expect(archived.archivedAt).not.toBeNull();
    expect(await f.auditCount()).toBe(before + 1);
    expect(await lastEvent()).toMatchObject({ action: 'entitlement.archived', entitlementId: id, data: { role: 'viewer', before: { archivedAt: null }, after: { archivedAt: archived.archivedAt } } });
    expect(await listRequestable(f.deps, await f.ctxOf('alice@example.com'))).not.toContainEqual(expect.objectContaining({ resource: 'status-page', role: 'viewer' }));

    await expectAppError(upsertPolicy(f.deps, carol, { entitlementId: id, ...policy() }), 'conflict');
    await expectAppError(archiveEntitlement(f.deps, carol, { entitlementId: id }), 'conflict');
  });
});

describe('non-admins', () => {
  it.each(['alice@example.com', 'bob@example.com', 'dave@example.com'])('%s is forbidden every role and policy operation, and nothing is written', async (email) => {
    const ctx = await f.ctxOf(email);
    const id = await entitlementId('editor');
    const before = await f.auditCount();
    await expectAppError(listGroups(f.deps, ctx), 'forbidden');
    await expectAppError(createEntitlement(f.deps, ctx, { resourceId, role: 'sneaky', description: '', settings: {}, policy: policy() }), 'forbidden');
    await expectAppError(updateEntitlement(f.deps, ctx, { entitlementId: id, description: 'x' }), 'forbidden');
    await expectAppError(upsertPolicy(f.deps, ctx, { entitlementId: id, ...policy({ eligibleGroups: ['everyone'] }) }), 'forbidden');
    await expectAppError(archiveEntitlement(f.deps, ctx, { entitlementId: id }), 'forbidden');
    expect(await f.auditCount()).toBe(before);
    expect(await f.database.db.policy.findUniqueOrThrow({ where: { entitlementId: id } })).toMatchObject({ eligibleGroups: ['engineering'], maxDurationMinutes: 120 });
  });
});

describe('listGroups', () => {
  it('lists groups with their member counts', async () => {
    expect(await listGroups(f.deps, await f.ctxOf('carol@example.com'))).toEqual([
      expect.objectContaining({ name: 'engineering', members: 4 }),
      expect.objectContaining({ name: 'sre-leads', members: 2 }),
    ]);
  });
});
