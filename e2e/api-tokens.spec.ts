import { expect, test } from './lifecycle-helpers';

test('alice creates an API token, sees it once, uses it, and revokes it', async ({ as, request }) => {
  // Signing in is not what this test is about: alice's session is reused when an earlier test made one.
  const page = await as('alice@example.com');
  await page.getByRole('banner').getByRole('link', { name: 'API tokens' }).click();
  await expect(page).toHaveURL('/settings/tokens');
  await expect(page.getByRole('heading', { name: 'API tokens', level: 1 })).toBeVisible();

  const name = `e2e pipeline ${Date.now()}`;
  await page.getByLabel('Name', { exact: true }).fill(name);
  await expect(page.getByLabel('requests', { exact: true })).toBeChecked();
  await expect(page.getByLabel('grants', { exact: true })).toBeChecked();
  await expect(page.getByLabel('audit', { exact: true })).toHaveCount(0); // members cannot give it
  await page.getByRole('button', { name: 'Create token' }).click();

  const secretBox = page.getByLabel('Your new token');
  await expect(secretBox).toHaveValue(/^tbx_[A-Za-z0-9_-]{43}$/);
  const secret = await secretBox.inputValue();
  await expect(page.getByText('it is shown only once')).toBeVisible();
  const row = page.getByRole('row', { name: new RegExp(name) });
  await expect(row).toContainText(`tbx_${secret.slice(4, 12)}…`);
  await expect(row).toContainText('requests, grants');
  await expect(row.locator('[data-status]')).toHaveText('active');

  // Shown once: after a reload the secret is nowhere on the page, the token still listed.
  await page.reload();
  await expect(page.getByLabel('Your new token')).toHaveCount(0);
  expect(await page.content()).not.toContain(secret);
  await expect(row).toBeVisible();

  const ok = await request.get('/api/v1/requests', { headers: { Authorization: `Bearer ${secret}` } });
  expect(ok.status()).toBe(200);
  expect(await ok.json()).toEqual({ items: expect.any(Array) });

  await page.reload();
  await expect(row.getByRole('cell').nth(4)).not.toHaveText('never'); // last used

  await row.getByRole('button', { name: `Revoke ${name}` }).click();
  await page.getByRole('button', { name: `Yes, revoke ${name}` }).click();
  await expect(row.locator('[data-status]')).toHaveText('revoked');
  await expect(row.getByRole('button', { name: /Revoke/ })).toHaveCount(0);

  const refused = await request.get('/api/v1/requests', { headers: { Authorization: `Bearer ${secret}` } });
  expect(refused.status()).toBe(401);
  expect((await refused.json()).error.code).toBe('unauthenticated');
});
