import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listRequestable } from '../requests/catalog';
import { archiveResource } from './archive-resource';
import { createResource } from './create-resource';
import { getResource, listResources } from './queries';
import { adminFixture, type AdminFixture } from '@/lib/testing/admin-fixture';
import { expectAppError } from '@/lib/testing/expect-app-error';
import { updateResource } from './update-resource';

let f: AdminFixture;
beforeAll(async () => {
  f = await adminFixture();
});
afterAll(async () => f?.database.close());

const lastEvent = () => f.database.db.auditEvent.findFirstOrThrow({ orderBy: { seq: 'desc' } });

describe('createResource', () => {
  it('creates the resource and leaves exactly one audit event with its fields', async () => {
    const carol = await f.ctxOf('carol@example.com');
    const before = await f.auditCount();
    const created = await createResource(f.deps, carol, { slug: 'prod-db', name: 'Production DB', description: 'Main database', kind: 'postgres', settings: { publicHost: 'db.internal', adminUrlEnv: 'TARGET_PROD_DB_URL' } });

    expect(created).toMatchObject({ slug: 'prod-db', kind: 'postgres', archivedAt: null, entitlements: [], settings: { publicHost: 'db.internal', adminUrlEnv: 'TARGET_PROD_DB_URL' } });
    expect(await f.database.db.resource.findUnique({ where: { slug: 'prod-db' } })).toMatchObject({ name: 'Production DB' });
    expect(await f.auditCount()).toBe(before + 1);
    expect(await lastEvent()).toMatchObject({
      action: 'resource.created',
      actorId: carol.actor.id,
      actorLabel: 'carol@example.com',
      resourceId: created.id,
      data: { before: null, after: { slug: 'prod-db', name: 'Production DB', description: 'Main database', kind: 'postgres', settings: { publicHost: 'db.internal', adminUrlEnv: 'TARGET_PROD_DB_URL' } } },
    });
  });

  it('refuses a taken slug with 409 on the slug field, and writes nothing', async () => {
    const carol = await f.ctxOf('carol@example.com');
    const before = await f.auditCount();
    const error = await expectAppError(createResource(f.deps, carol, { slug: 'feature-flags', name: 'Again', description: '', kind: 'portal', settings: {} }), 'conflict', { field: 'slug' });
    expect(error.status).toBe(409);
    expect(await f.auditCount()).toBe(before);
  });

  it('lets exactly one of two admins racing for the same slug win', async () => {
    const carol = await f.ctxOf('carol@example.com');
    const input = { slug: 'race', name: 'Race', description: '', kind: 'portal' as const, settings: {} };
    const results = await Promise.allSettled([createResource(f.deps, carol, input), createResource(f.deps, carol, input)]);
    expect(results.map((r) => r.status).sort()).toEqual(['fulfilled', 'rejected']);
    const failure = results.find((r) => r.status === 'rejected')!;
    expect(failure.reason).toMatchObject({ code: 'conflict', details: { field: 'slug' } });
    expect(await f.database.db.auditEvent.count({ where: { action: 'resource.created', data: { path: ['after', 'slug'], equals: 'race' } } })).toBe(1);
  });

  it.each([
    [{ slug: 'Prod DB' }, 'slug'],
    [{ slug: 'prod--db' }, 'slug'],
    [{ name: '  ' }, 'name'],
    [{ kind: 'oracle' }, 'kind'],
    [{ settings: ['not', 'an', 'object'] }, 'settings'],
    [{ settings: { password: 'hunter2' } }, 'settings'],
    [{ settings: { connection: { apiKey: 'sk_live_abc' } } }, 'settings'],
    [{ settings: { defaultAdminUrl: 'postgresql://admin:s3cret@db.internal/app' } }, 'settings'],
    [{ settings: '{"host": ' }, 'settings'],
    // Timebox's own configuration is never a target's: only TARGET_ variables may be named.
    [{ settings: { adminUrlEnv: 'DATABASE_URL' } }, 'settings'],
    [{ settings: { urlEnv: 'TARGET_HOOK_URL', secretEnv: 'AUTH_SECRET' } }, 'settings'],
  ])('refuses %j as unprocessable on %s', async (patch, field) => {
    const carol = await f.ctxOf('carol@example.com');
    const input = { slug: 'new-thing', name: 'New thing', description: '', kind: 'portal', settings: {}, ...patch };
    // @ts-expect-error -- deliberately wrong input, as a REST client might send
    await expectAppError(createResource(f.deps, carol, input), 'unprocessable', { field });
    expect(await f.database.db.resource.findUnique({ where: { slug: 'new-thing' } })).toBeNull();
  });
});

describe('updateResource', () => {
  it('records only the changed fields, before and after, in one event', async () => {
    const carol = await f.ctxOf('carol@example.com');
    const { id } = await f.database.db.resource.findUniqueOrThrow({ where: { slug: 'prod-db' } });
    const before = await f.auditCount();
    const updated = await updateResource(f.deps, carol, { resourceId: id, name: 'Production database', description: 'Main database', settings: { adminUrlEnv: 'TARGET_PROD_DB_URL', publicHost: 'db2.internal' } });

    expect(updated).toMatchObject({ name: 'Production database', settings: { publicHost: 'db2.internal' } });
    expect(await f.auditCount()).toBe(before + 1);
    expect(await lastEvent()).toMatchObject({
      action: 'resource.updated',
      resourceId: id,
      data: {
        slug: 'prod-db',
        before: { name: 'Production DB', settings: { publicHost: 'db.internal', adminUrlEnv: 'TARGET_PROD_DB_URL' } },
        after: { name: 'Production database', settings: { publicHost: 'db2.internal', adminUrlEnv: 'TARGET_PROD_DB_URL' } },
      },
    });
    // Unchanged fields (the description) are not recorded. (jsonb reorders keys, hence the sort.)
    expect(Object.keys((await lastEvent()).data as object).sort()).toEqual(['after', 'before', 'slug']);
    expect(Object.keys(((await lastEvent()).data as { before: object }).before).sort()).toEqual(['name', 'settings']);
  });

  it('refuses settings naming a variable outside TARGET_, with every such setting in one 422, and keeps the old ones', async () => {
    const carol = await f.ctxOf('carol@example.com');
    const id = (await f.database.db.resource.findUniqueOrThrow({ where: { slug: 'prod-db' } })).id;
    const error = await expectAppError(updateResource(f.deps, carol, { resourceId: id, settings: { adminUrlEnv: 'DATABASE_URL', hook: { secretEnv: 'CRON_SECRET' } } }), 'unprocessable', { field: 'settings' });
    expect(error.message).toMatch(/^"adminUrlEnv" must be an environment variable name starting with TARGET_.*; "hook.secretEnv" must be/);
    expect((await f.database.db.resource.findUniqueOrThrow({ where: { id } })).settings).toEqual({ publicHost: 'db2.internal', adminUrlEnv: 'TARGET_PROD_DB_URL' });
  });

  it('writes nothing when nothing changes', async () => {
    const carol = await f.ctxOf('carol@example.com');
    const { id } = await f.database.db.resource.findUniqueOrThrow({ where: { slug: 'prod-db' } });
    const before = await f.auditCount();
    await updateResource(f.deps, carol, { resourceId: id, name: 'Production database', settings: { publicHost: 'db2.internal', adminUrlEnv: 'TARGET_PROD_DB_URL' } });
    expect(await f.auditCount()).toBe(before);
  });

  it('answers 404 for an unknown or malformed id', async () => {
    const carol = await f.ctxOf('carol@example.com');
    await expectAppError(getResource(f.deps, carol, { resourceId: 'nope' }), 'not_found');
    await expectAppError(updateResource(f.deps, carol, { resourceId: '00000000-0000-4000-8000-000000000000', name: 'x' }), 'not_found');
  });
});

describe('archiveResource', () => {
  it('is refused while a live grant exists, saying how many, and allowed once they ended', async () => {
    const carol = await f.ctxOf('carol@example.com');
    const alice = await f.ctxOf('alice@example.com');
    const resource = await f.database.db.resource.findUniqueOrThrow({ where: { slug: 'feature-flags' }, include: { entitlements: true } });
    const [editor, admin] = [resource.entitlements.find((e) => e.role === 'editor')!, resource.entitlements.find((e) => e.role === 'admin')!];
    const g1 = await f.givenGrant({ email: 'alice@example.com', entitlementId: editor.id, status: 'active' });
    const g2 = await f.givenGrant({ email: 'erin@example.com', entitlementId: admin.id, status: 'revoking' });
    await f.givenGrant({ email: 'bob@example.com', entitlementId: admin.id, status: 'expired' });

    const before = await f.auditCount();
    const error = await expectAppError(archiveResource(f.deps, carol, { resourceId: resource.id }), 'conflict');
    expect(error.message).toContain('2 live grants');
    expect(error.details).toMatchObject({ liveGrants: 2 });
    expect(await f.auditCount()).toBe(before);

    await f.database.db.grant.updateMany({ where: { id: { in: [g1, g2] } }, data: { status: 'revoked' } });
    const archived = await archiveResource(f.deps, carol, { resourceId: resource.id });
    expect(archived.archivedAt).toBe(f.deps.clock.now().toISOString());
    expect(await f.auditCount()).toBe(before + 1);
    expect(await lastEvent()).toMatchObject({ action: 'resource.archived', resourceId: resource.id, data: { before: { archivedAt: null }, after: { archivedAt: archived.archivedAt } } });

    // Hidden from requesters, and from the admin list unless asked for.
    expect((await listRequestable(f.deps, alice)).map((e) => e.resource)).not.toContain('feature-flags');
    expect((await listResources(f.deps, carol)).map((r) => r.slug)).not.toContain('feature-flags');
    expect((await listResources(f.deps, carol, { includeArchived: true })).at(-1)).toMatchObject({ slug: 'feature-flags', archivedAt: archived.archivedAt });

    await expectAppError(archiveResource(f.deps, carol, { resourceId: resource.id }), 'conflict');
    await expectAppError(updateResource(f.deps, carol, { resourceId: resource.id, name: 'Renamed' }), 'conflict');
  });

  it('lists resources with their roles, policies and live grants', async () => {
    const carol = await f.ctxOf('carol@example.com');
    const list = await listResources(f.deps, carol);
    const status = list.find((r) => r.slug === 'status-page')!;
    expect(status.entitlements).toEqual([
      expect.objectContaining({ role: 'editor', liveGrants: 0, policy: expect.objectContaining({ maxDurationMinutes: 120, ticketRequired: true, ticketPattern: '^[A-Z][A-Z0-9]+-[0-9]+$' }) }),
    ]);
  });
});

describe('non-admins', () => {
  it.each(['alice@example.com', 'bob@example.com', 'dave@example.com'])('%s is forbidden every resource operation, and nothing is written', async (email) => {
    const ctx = await f.ctxOf(email);
    const { id } = await f.database.db.resource.findUniqueOrThrow({ where: { slug: 'status-page' } });
    const before = await f.auditCount();
    await expectAppError(listResources(f.deps, ctx), 'forbidden');
    await expectAppError(getResource(f.deps, ctx, { resourceId: id }), 'forbidden');
    await expectAppError(createResource(f.deps, ctx, { slug: `by-${email.split('@')[0]}`, name: 'x', description: '', kind: 'portal', settings: {} }), 'forbidden');
    await expectAppError(updateResource(f.deps, ctx, { resourceId: id, name: 'Hijacked' }), 'forbidden');
    await expectAppError(archiveResource(f.deps, ctx, { resourceId: id }), 'forbidden');
    expect(await f.auditCount()).toBe(before);
    expect(await f.database.db.resource.findUniqueOrThrow({ where: { id } })).toMatchObject({ name: 'Public status page', archivedAt: null });
  });

  it("refuses even an admin's API token", async () => {
    const carol = await f.ctxOf('carol@example.com');
    await expectAppError(createResource(f.deps, { ...carol, via: 'api', token: { id: '00000000-0000-4000-8000-000000000001', scopes: ['requests', 'grants', 'audit'] } }, { slug: 'by-token', name: 'x', description: '', kind: 'portal', settings: {} }), 'forbidden');
  });
});
