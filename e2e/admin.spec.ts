import { expect, test } from './portal-test';
import { signIn } from './helpers';

test('carol creates a resource with a role and a policy, edits the policy, and is told about a bad ticket pattern', async ({ page }) => {
  await page.goto('/admin');
  await signIn(page, 'carol@example.com');
  await expect(page).toHaveURL('/admin');

  await page.getByRole('link', { name: 'New resource' }).click();
  await page.getByLabel('Slug').fill('Deploy Console');
  await page.getByLabel('Name', { exact: true }).fill('Deploy console');
  await page.getByLabel('Kind').selectOption('portal');
  await page.getByLabel('Settings (JSON)').fill('{}'); // a portal resource takes no settings
  await page.getByRole('button', { name: 'Create resource' }).click();
  // A bad slug is refused next to its field, and what was typed stays.
  await expect(page.getByLabel('Slug')).toHaveAccessibleDescription(/Use lowercase letters, digits and single dashes/);
  await expect(page.getByLabel('Name', { exact: true })).toHaveValue('Deploy console');
  await page.getByLabel('Slug').fill('deploy-console');
  await page.getByRole('button', { name: 'Create resource' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Deploy console' })).toBeVisible();

  await page.getByRole('link', { name: 'Add role' }).click();
  await page.getByLabel('Role name').fill('deployer');
  await page.getByLabel('Description').fill('Run production deploys');
  await page.getByLabel('Eligible groups').fill('engineering');
  await page.getByLabel('Approver groups').fill('sre-leads');
  await page.getByLabel('Longest duration (minutes)').fill('90');
  await page.getByRole('button', { name: 'Create role' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Role deployer on Deploy console' })).toBeVisible();
  await expect(page.getByTestId('policy-summary')).toHaveText('engineering may request up to 1 h 30 min · 1 approval from sre-leads');

  // Listed on the admin page with its one-line policy.
  await page.getByRole('link', { name: '← Deploy console' }).click();
  await page.getByRole('link', { name: '← Admin' }).click();
  const resource = page.getByRole('region', { name: 'Deploy console' });
  await expect(resource.getByRole('row', { name: /deployer/ })).toContainText('engineering may request up to 1 h 30 min · 1 approval from sre-leads');

  // Edit the longest duration.
  await resource.getByRole('link', { name: 'Edit role deployer and its policy' }).click();
  await page.getByLabel('Longest duration (minutes)').fill('240');
  await page.getByRole('button', { name: 'Save policy' }).click();
  await expect(page.getByText('Policy saved. It applies to requests made from now on.')).toBeVisible();
  await expect(page.getByTestId('policy-summary')).toHaveText('engineering may request up to 4 h · 1 approval from sre-leads');

  // An invalid ticket pattern: the error sits next to the field, the input keeps what was typed, nothing is saved.
  await page.getByLabel('Ticket required').check();
  const pattern = page.getByLabel('Ticket pattern (regular expression)');
  await pattern.fill('([A-Z]+');
  await page.getByRole('button', { name: 'Save policy' }).click();
  await expect(pattern).toHaveAttribute('aria-invalid', 'true');
  await expect(pattern).toHaveAccessibleDescription(/Not a valid regular expression/);
  await expect(pattern).toHaveValue('([A-Z]+');
  await page.reload();
  await expect(page.getByTestId('policy-summary')).toHaveText('engineering may request up to 4 h · 1 approval from sre-leads');

  // Archive, after confirming: gone from the list.
  await page.getByRole('link', { name: '← Deploy console' }).click();
  await page.getByRole('button', { name: 'Archive Deploy console' }).click();
  await page.getByRole('button', { name: 'Yes, archive' }).click();
  await expect(page).toHaveURL('/admin');
  await expect(page.getByRole('region', { name: 'Deploy console' })).toHaveCount(0);
});

test('alice opening /admin sees "Not allowed"', async ({ page }) => {
  await page.goto('/admin');
  await signIn(page, 'alice@example.com');
  await expect(page).toHaveURL('/admin');
  await expect(page.getByRole('main').getByRole('alert')).toContainText('Not allowed');
  await page.goto('/admin/resources/new');
  await expect(page.getByRole('main').getByRole('alert')).toContainText('Not allowed');
  await expect(page.getByLabel('Slug')).toHaveCount(0);
});
