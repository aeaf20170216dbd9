import { freshFlagAdminGrant } from './grant-helpers';
import { expect, test } from './lifecycle-helpers';

// /grants keeps itself true (issue 10, item 4): once a grant's time is up its actions go at once, and
// after the sweep ends it the card moves to Past grants without anyone reloading. Its times are in the
// reader's timezone with UTC on hover (item 16).

test('a grant that ends moves to Past grants by itself, and offers no action once its time is up', async ({ as }) => {
  test.setTimeout(240_000);
  const frank = await as('frank@example.com');
  const grantId = await freshFlagAdminGrant(frank, '1');
  const current = frank.locator('section[aria-labelledby="current-heading"]');
  const card = current.locator(`article[data-grant-id="${grantId}"]`);
  await expect(card.getByRole('button', { name: /^Revoke/ })).toBeVisible();
  await expect(card.getByRole('button', { name: /^Extend/ })).toBeVisible();

  // Times: the reader's own format, UTC on hover.
  const ends = card.getByTestId('grant-times').locator('time').last();
  await expect(ends).toHaveAttribute('title', /UTC$/);
  await expect(ends).not.toHaveText(/UTC/);

  // The minute runs out: the countdown says so and the buttons are gone (no reload).
  await expect(card.getByRole('timer')).toHaveText('time is up; ending now', { timeout: 90_000 });
  await expect(card.getByRole('button')).toHaveCount(0);

  // The sweep ends it; the page notices by itself and lists it under Past grants.
  await expect(card).toHaveCount(0, { timeout: 60_000 });
  const pastRow = frank.locator(`section[aria-labelledby="past-heading"] tr[data-grant-id="${grantId}"]`);
  await expect(pastRow).toContainText('time was up');
  await expect(pastRow.getByText('expired', { exact: true })).toBeVisible();
});

test('the grant page shows start, end and time left in the reader’s time, with UTC on hover', async ({ as }) => {
  test.setTimeout(180_000);
  const alice = await as('alice@example.com');
  const grantId = await freshFlagAdminGrant(alice, '30');
  await alice.goto(`/grants/${grantId}`);
  const facts = alice.getByRole('region', { name: 'Details' }).or(alice.locator('section[aria-labelledby="details-heading"]'));
  for (const term of ['Starts', 'Ends']) {
    const time = facts.locator('dt', { hasText: new RegExp(`^${term}$`) }).locator('xpath=following-sibling::dd[1]').locator('time');
    await expect(time).toHaveAttribute('title', /UTC$/);
    await expect(time).not.toHaveText(/UTC/);
  }
  await expect(facts.locator('dt', { hasText: /^Time left$/ }).locator('xpath=following-sibling::dd[1]')).toHaveText(/^\d+ min \d+ s left$/);
});
