import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { resourceSettingsExamples } from '@/lib/connectors/resource-settings';
import { resourceKinds } from '@/lib/domain/admin-input';
import { adminFixture, type AdminFixture } from '@/lib/testing/admin-fixture';
import { expectAppError } from '@/lib/testing/expect-app-error';
import { createResource } from './create-resource';
import { updateResource } from './update-resource';

// Issue 10, item 2: settings are checked against the kind's connector when an admin saves them, so a
// resource that saves is one its connector can read (no "unknown postgres resource setting" at the first grant).

let f: AdminFixture;
beforeAll(async () => {
  f = await adminFixture();
});
afterAll(async () => f?.database.close());

const base = { name: 'Settings check', description: '' };

describe('resource settings at save time', () => {
  it('refuses the old one-size example on a postgres resource, naming every unknown setting, writing nothing', async () => {
    const carol = await f.ctxOf('carol@example.com');
    const audit = await f.auditCount();
    const error = await expectAppError(
      createResource(f.deps, carol, { ...base, slug: 'pg-wrong-example', kind: 'postgres', settings: { host: 'db.internal', passwordEnv: 'PROD_DB_PASSWORD' } }),
      'unprocessable',
      { field: 'settings', message: /postgres resource: unknown settings "host", "passwordEnv"/ },
    );
    expect(error.status).toBe(422);
    expect(error.details?.fields).toEqual({ settings: error.message });
    expect(await f.database.db.resource.findUnique({ where: { slug: 'pg-wrong-example' } })).toBeNull();
    expect(await f.auditCount()).toBe(audit);
  });

  it('lists every problem at once: a wrong type and a missing setting', async () => {
    const carol = await f.ctxOf('carol@example.com');
    const error = await expectAppError(createResource(f.deps, carol, { ...base, slug: 'hook-wrong', kind: 'webhook', settings: { secretEnv: 'TARGET_HOOK_SECRET', timeoutMs: 'soon' } }), 'unprocessable', { field: 'settings' });
    expect(error.message).toMatch(/"urlEnv" is required/);
    expect(error.message).toMatch(/"timeoutMs"/);
    // Names the setting, never echoes the value.
    expect(error.message).not.toMatch(/soon/);
  });

  it('refuses settings on kinds that take none', async () => {
    const carol = await f.ctxOf('carol@example.com');
    await expectAppError(createResource(f.deps, carol, { ...base, slug: 'ssh-with-host', kind: 'ssh', settings: { host: 'bastion.internal' } }), 'unprocessable', { field: 'settings', message: /unknown setting "host"/ });
    await expectAppError(createResource(f.deps, carol, { ...base, slug: 'portal-with-x', kind: 'portal', settings: { url: 'https://x.example' } }), 'unprocessable', { field: 'settings' });
  });

  it.each(resourceKinds)('accepts the example the form shows for %s', async (kind) => {
    const carol = await f.ctxOf('carol@example.com');
    const created = await createResource(f.deps, carol, { ...base, slug: `example-${kind}`, kind, settings: resourceSettingsExamples[kind] });
    expect(created).toMatchObject({ kind, settings: resourceSettingsExamples[kind] });
  });

  it('checks an edit against the stored kind and leaves the row as it was when the settings do not fit', async () => {
    const carol = await f.ctxOf('carol@example.com');
    const { id } = await createResource(f.deps, carol, { ...base, slug: 'mysql-edit', kind: 'mysql', settings: { adminUrlEnv: 'TARGET_MYSQL_URL', database: 'app' } });
    await expectAppError(updateResource(f.deps, carol, { resourceId: id, settings: { adminUrlEnv: 'TARGET_MYSQL_URL', database: 'no spaces allowed' } }), 'unprocessable', {
      field: 'settings',
      message: /"database" must be a database name/,
    });
    expect((await f.database.db.resource.findUniqueOrThrow({ where: { id } })).settings).toEqual({ adminUrlEnv: 'TARGET_MYSQL_URL', database: 'app' });
    // An edit without settings is not held to them.
    await expect(updateResource(f.deps, carol, { resourceId: id, name: 'Renamed' })).resolves.toMatchObject({ name: 'Renamed' });
    const fixed = await updateResource(f.deps, carol, { resourceId: id, settings: { adminUrlEnv: 'TARGET_MYSQL_URL', database: 'shop' } });
    expect(fixed.settings).toEqual({ adminUrlEnv: 'TARGET_MYSQL_URL', database: 'shop' });
  });
});
