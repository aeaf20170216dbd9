import { expect, test, uniqueTag } from './lifecycle-helpers';

// Issue 10, item 2: settings are checked against the chosen kind's connector when saved, and the hint's
// example fits the kind (it used to show {"host", "passwordEnv"} for every kind, which postgres refuses).
test('a postgres resource with settings its connector cannot read is refused on the form; its own example saves', async ({ as }) => {
  const carol = await as('carol@example.com');
  const slug = `pg-${uniqueTag()}`;
  await carol.goto('/admin/resources/new');
  await carol.getByLabel('Slug').fill(slug);
  await carol.getByLabel('Name', { exact: true }).fill(`Orders DB ${slug}`);
  await carol.getByLabel('Kind').selectOption('postgres');

  const settings = carol.getByLabel('Settings (JSON)');
  // The example follows the kind: postgres names the env var holding its admin URL.
  await expect(carol.getByTestId('settings-example')).toContainText('"adminUrlEnv":"TARGET_PG_URL"');
  await expect(carol.getByTestId('settings-example')).not.toContainText('passwordEnv');

  await settings.fill('{"host": "db.internal", "passwordEnv": "PROD_DB_PASSWORD"}');
  await carol.getByRole('button', { name: 'Create resource' }).click();
  await expect(settings).toHaveAttribute('aria-invalid', 'true');
  await expect(settings).toHaveAccessibleDescription(/do not fit a postgres resource: unknown settings "host", "passwordEnv"/);
  await carol.goto('/admin');
  await expect(carol.getByRole('region', { name: `Orders DB ${slug}` })).toHaveCount(0);

  await carol.goto('/admin/resources/new');
  await carol.getByLabel('Slug').fill(slug);
  await carol.getByLabel('Name', { exact: true }).fill(`Orders DB ${slug}`);
  await carol.getByLabel('Kind').selectOption('postgres');
  await carol.getByLabel('Settings (JSON)').fill('{"adminUrlEnv": "TARGET_PG_URL", "database": "orders"}');
  await carol.getByRole('button', { name: 'Create resource' }).click();
  await expect(carol.getByRole('heading', { level: 1, name: `Orders DB ${slug}` })).toBeVisible();

  // Editing keeps the kind's rules: a wrong type is refused next to the field.
  const edit = carol.getByLabel('Settings (JSON)');
  await edit.fill('{"adminUrlEnv": "TARGET_PG_URL", "publicPort": "5432"}');
  await carol.getByRole('button', { name: 'Save resource' }).click();
  await expect(edit).toHaveAccessibleDescription(/"publicPort"/);

  // The other kinds show their own example, or say they take none.
  await carol.goto('/admin/resources/new');
  await carol.getByLabel('Kind').selectOption('webhook');
  await expect(carol.getByTestId('settings-example')).toContainText('"urlEnv"');
  await carol.getByLabel('Kind').selectOption('ssh');
  await expect(carol.getByTestId('settings-example')).toContainText('takes no settings');
});
