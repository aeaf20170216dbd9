import { expect, test } from './lifecycle-helpers';

// Small things every fresh load and every screen-reader user meets: the favicon, one <main> on a
// portal 404, and link names that start with the text people see.

test('the favicon is served, so a fresh load has no 404', async ({ page }) => {
  const failed: string[] = [];
  page.on('response', (r) => {
    if (r.status() === 404) failed.push(r.url());
  });
  await page.goto('/login');
  const href = await page.locator('link[rel="icon"]').first().getAttribute('href', { timeout: 20_000 });
  expect(href).toBeTruthy();
  const icon = await page.request.get(href!);
  expect(icon.status()).toBe(200);
  expect(icon.headers()['content-type']).toContain('image/svg+xml');
  expect(failed).toEqual([]);
});

test('a not-found page inside the portal has exactly one main landmark', async ({ as }) => {
  const alice = await as('alice@example.com');
  await alice.goto('/grants/00000000-0000-4000-8000-000000000000');
  await expect(alice.getByRole('heading', { name: 'Page not found' })).toBeVisible({ timeout: 20_000 });
  await expect(alice.getByRole('main')).toHaveCount(1);
  await expect(alice.getByRole('navigation', { name: 'Main' })).toBeVisible();

  // Outside the portal (no layout around it), the 404 still has its one main.
  await alice.goto('/no-such-page-at-all');
  await expect(alice.getByRole('heading', { name: 'Page not found' })).toBeVisible({ timeout: 20_000 });
  await expect(alice.getByRole('main')).toHaveCount(1);
});

test('"See events" links on the metrics page are named starting with their visible text', async ({ as }) => {
  const carol = await as('carol@example.com');
  await carol.goto('/audit/metrics');
  const links = carol.getByRole('main').locator('a', { hasText: 'See events' });
  await expect(links.first()).toBeVisible({ timeout: 20_000 });
  const count = await links.count();
  expect(count).toBeGreaterThan(0);
  for (let i = 0; i < count; i++) {
    const link = links.nth(i);
    const visible = (await link.innerText()).trim();
    await expect(link).toHaveAccessibleName(new RegExp(`^${visible}`));
  }
});
