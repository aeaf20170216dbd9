import { freshFlagAdminGrant } from './grant-helpers';
import { expect, inboxItem, requestAccess, test, uniqueTag } from './lifecycle-helpers';

// Issue 10, item 8: an admin ends anyone's live grant from its page, and must say why; an approver
// follows the grants they approved while those are live.

test('an approver sees the grant they approved under "Live grants I approved", read-only', async ({ as }) => {
  test.setTimeout(180_000);
  const justification = `Follow-up ${uniqueTag()}`;
  const alice = await as('alice@example.com');
  await requestAccess(alice, { resource: 'feature-flags', role: 'editor', minutes: '45', justification });

  const bob = await as('bob@example.com');
  await bob.goto('/inbox');
  await inboxItem(bob, justification).getByRole('button', { name: 'Approve' }).click();
  await expect(bob.getByText(/^Approved Alice Adams's request for editor on Feature flag console\./)).toBeVisible({ timeout: 20_000 });

  await bob.goto('/grants');
  const approved = bob.getByRole('region', { name: 'Live grants I approved' });
  const card = approved.getByRole('article', { name: 'Feature flag console / editor' }).filter({ hasText: 'Alice Adams' }).first();
  await expect(card).toBeVisible();
  await expect(card.getByRole('button')).toHaveCount(0);

  // Its page opens for him (read-only), where any other member's id finds nothing.
  await card.getByRole('link', { name: /Feature flag console/ }).click();
  await expect(bob.getByRole('heading', { name: 'Feature flag console / editor', level: 1 })).toBeVisible();
  await expect(bob.getByText('You are viewing someone else’s grant, read-only.')).toBeVisible();
  await expect(bob.getByRole('button', { name: /^Revoke/ })).toHaveCount(0);

  // Leave nothing behind: other specs ask for this role as alice.
  await alice.goto('/grants');
  const mine = alice.locator('section[aria-labelledby="current-heading"]').getByRole('article', { name: 'Feature flag console / editor' });
  await mine.first().getByRole('button', { name: /^Revoke/ }).click();
  await mine.first().getByRole('button', { name: 'Confirm revoke' }).click();
  await expect(mine).toHaveCount(0, { timeout: 60_000 });
});

test('an admin revokes someone else’s grant from its page, and a reason is required', async ({ as }) => {
  test.setTimeout(180_000);
  const erin = await as('erin@example.com');
  const grantId = await freshFlagAdminGrant(erin, '30');

  const carol = await as('carol@example.com');
  await carol.goto(`/grants/${grantId}`);
  const end = carol.getByRole('region', { name: 'End this access' });
  await end.getByRole('button', { name: /^Revoke/ }).click();
  await end.getByRole('button', { name: 'Confirm revoke' }).click();
  await expect(end.getByLabel('Reason', { exact: true })).toHaveAccessibleDescription(/Give a reason/, { timeout: 20_000 });
  // Refused: the grant is still active.
  await carol.reload();
  await expect(carol.getByText('active', { exact: true }).first()).toBeVisible();

  await end.getByRole('button', { name: /^Revoke/ }).click();
  await end.getByLabel('Reason', { exact: true }).fill('Left the incident rota');
  await end.getByRole('button', { name: 'Confirm revoke' }).click();
  await expect(carol.getByRole('status').filter({ hasText: /access to Feature flag console \/ admin for Erin Evans/ })).toBeVisible({ timeout: 20_000 });

  await erin.goto(`/grants/${grantId}`);
  await expect(erin.locator('dt', { hasText: /^Revoke reason$/ }).locator('xpath=following-sibling::dd[1]')).toHaveText('Left the incident rota');
});
