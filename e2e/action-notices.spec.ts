import { expect, pill, requestAccess, requestRow, test, uniqueTag } from './lifecycle-helpers';

// Cancel and Revoke remove the control that was clicked: the page must still say what happened,
// in a status message that is there after the list re-renders.

test('cancelling a request says so in a status message', async ({ as }) => {
  const justification = `Notice cancel ${uniqueTag()}`;
  const alice = await as('alice@example.com');
  await requestAccess(alice, { resource: 'feature-flags', role: 'editor', minutes: '30', justification });
  const row = requestRow(alice, justification);
  await row.getByRole('button', { name: 'Cancel' }).click();

  await expect(alice.getByRole('status').filter({ hasText: 'Request for Feature flag console / editor cancelled.' })).toBeVisible({ timeout: 20_000 });
  await expect(pill(row, 'cancelled')).toBeVisible();
  // It is part of the page, not a fleeting toast: a reload keeps it.
  await alice.reload();
  await expect(alice.getByRole('status').filter({ hasText: 'cancelled. Nothing was granted.' })).toBeVisible({ timeout: 20_000 });
});

test('revoking a grant says so in a status message, also when an admin revokes someone else’s', async ({ as }) => {
  test.setTimeout(180_000); // two people, two grants, on a busy two-core machine
  const erin = await as('erin@example.com');
  await requestAccess(erin, { resource: 'feature-flags', role: 'admin', minutes: '30', justification: `Notice revoke ${uniqueTag()}` });
  await erin.goto('/grants');
  const card = erin.getByRole('article', { name: 'Feature flag console / admin' });
  await card.getByRole('button', { name: 'Revoke' }).click();
  await card.getByRole('button', { name: 'Confirm revoke' }).click();
  await expect(card).toHaveCount(0, { timeout: 20_000 });
  await expect(erin.getByRole('status').filter({ hasText: /^Revoked: (ended|removing) access to Feature flag console \/ admin/ })).toBeVisible({ timeout: 20_000 });

  await requestAccess(erin, { resource: 'feature-flags', role: 'admin', minutes: '30', justification: `Notice admin revoke ${uniqueTag()}` });
  const carol = await as('carol@example.com');
  await carol.goto('/grants');
  const theirs = carol.getByRole('article').filter({ hasText: 'Erin Evans' }).filter({ hasText: 'Feature flag console' });
  await theirs.getByRole('button', { name: 'Revoke' }).click();
  await theirs.getByLabel('Reason', { exact: true }).fill('Notice: an admin ends it');
  await theirs.getByRole('button', { name: 'Confirm revoke' }).click();
  await expect(carol.getByRole('status').filter({ hasText: /access to Feature flag console \/ admin for Erin Evans/ })).toBeVisible({ timeout: 20_000 });
});
