import { expect, requestAccess, test, uniqueTag } from './lifecycle-helpers';

// A role whose policy needs a ticket: Extend asks for one, starting from the original request's ticket,
// and the extension goes to approvers with it. The request form flags every missing input in one go.

test('Extend on a grant that needs a ticket offers the ticket field, pre-filled, and is accepted', async ({ as }) => {
  test.setTimeout(120_000);
  const justification = `Extend ticket ${uniqueTag()}`;
  const erin = await as('erin@example.com');
  await requestAccess(erin, { resource: 'status-page', role: 'editor', minutes: '30', justification, ticket: 'OPS-321' });

  const bob = await as('bob@example.com');
  await bob.goto('/inbox');
  const item = bob.getByRole('main').getByRole('article').filter({ hasText: justification });
  await item.getByRole('button', { name: 'Approve' }).click();
  await expect(bob.getByText(/^Approved Erin Evans's request for editor on Public status page\./)).toBeVisible({ timeout: 20_000 });

  await erin.goto('/grants');
  const card = erin.getByRole('article', { name: 'Public status page / editor' });
  await card.getByRole('button', { name: /^Extend/ }).click();
  await expect(card.getByLabel('Ticket', { exact: true })).toHaveValue('OPS-321');
  await card.getByLabel('Minutes', { exact: true }).fill('15');
  await card.getByLabel('Justification', { exact: true }).fill('Incident still open');
  await card.getByRole('button', { name: 'Request extension' }).click();
  await expect(card.getByText('Extension of 15 minutes is waiting for approval.').first()).toBeVisible({ timeout: 20_000 });
});

test('an empty request form flags duration, justification and ticket together', async ({ as }) => {
  const alice = await as('alice@example.com');
  await alice.goto('/requests/new');
  await alice.getByLabel('Resource', { exact: true }).selectOption('status-page');
  await alice.getByLabel('Role', { exact: true }).selectOption('editor');
  await alice.getByRole('main').getByRole('button', { name: 'Request access' }).click();
  await expect(alice.getByLabel('Duration (minutes)', { exact: true })).toHaveAccessibleDescription(/Enter the duration in minutes/, { timeout: 20_000 });
  await expect(alice.getByLabel('Justification', { exact: true })).toHaveAccessibleDescription(/A justification of at least 10 characters is required\./);
  await expect(alice.getByLabel('Ticket', { exact: true })).toHaveAccessibleDescription(/A ticket is required\./);
});
