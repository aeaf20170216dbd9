import { expect, test, uniqueTag } from './lifecycle-helpers';

// After "Create role", one message that tells the truth: ready only when nothing stands in the way.

test('a new role says it is ready only when its policy raised no warning', async ({ as }) => {
  test.setTimeout(90_000);
  const tag = uniqueTag();
  const carol = await as('carol@example.com');
  await carol.goto('/admin/resources/new');
  await carol.getByLabel('Slug').fill(`notice-${tag}`);
  await carol.getByLabel('Name', { exact: true }).fill(`Notice ${tag}`);
  await carol.getByLabel('Kind').selectOption('portal');
  await carol.getByRole('button', { name: 'Create resource' }).click();
  await expect(carol.getByRole('heading', { level: 1, name: `Notice ${tag}` })).toBeVisible({ timeout: 20_000 });
  const resourceUrl = carol.url();

  // Approvers from a group nobody is in: created, but nobody can approve it.
  await carol.getByRole('link', { name: 'Add role' }).click();
  await carol.getByLabel('Role name').fill('ghosted');
  await carol.getByLabel('Eligible groups').fill('engineering');
  await carol.getByLabel('Approver groups').fill(`ghosts-${tag}`);
  await carol.getByLabel('Longest duration (minutes)').fill('60');
  await carol.getByRole('button', { name: 'Create role' }).click();
  await expect(carol.getByRole('heading', { level: 1, name: `Role ghosted on Notice ${tag}` })).toBeVisible({ timeout: 20_000 });
  const warning = carol.getByRole('status').filter({ hasText: 'Role created, but its policy may not work as meant yet:' });
  await expect(warning).toBeVisible();
  await expect(warning).toContainText(`Group "ghosts-${tag}" does not exist yet`);
  await expect(carol.getByText('can ask for it now')).toHaveCount(0);

  // Real groups with members: the plain "ready" message, and no warning.
  await carol.goto(resourceUrl);
  await carol.getByRole('link', { name: 'Add role' }).click();
  await carol.getByLabel('Role name').fill('ready');
  await carol.getByLabel('Eligible groups').fill('engineering');
  await carol.getByLabel('Approver groups').fill('sre-leads');
  await carol.getByLabel('Longest duration (minutes)').fill('60');
  await carol.getByRole('button', { name: 'Create role' }).click();
  await expect(carol.getByRole('heading', { level: 1, name: `Role ready on Notice ${tag}` })).toBeVisible({ timeout: 20_000 });
  await expect(carol.getByRole('status').filter({ hasText: 'Role created. Requesters in its eligible groups can ask for it now.' })).toBeVisible();
  await expect(carol.getByText('may not work as meant')).toHaveCount(0);
});
