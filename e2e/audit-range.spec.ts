import { expect, test } from './lifecycle-helpers';

// An inverted time range matches nothing by construction: the page says what is wrong with it.

test('a From later than To is a field error on To, not "No event matches"', async ({ as }) => {
  const dave = await as('dave@example.com');
  await dave.goto('/audit?from=2026-11-18&to=2026-11-17');
  const to = dave.getByLabel('To (UTC)', { exact: true });
  await expect(to).toHaveAccessibleDescription(/must be later than From/, { timeout: 20_000 });
  await expect(to).toHaveAttribute('aria-invalid', 'true');
  await expect(dave.getByText('No event matches these filters.')).toHaveCount(0);
  await expect(dave.getByText('Fix the filters above to see events.')).toBeVisible();
});
