import { expect, fillRequestForm, requestRow, test, uniqueTag } from './lifecycle-helpers';

// Break-glass (issue 9) as people use it: alice takes emergency access on the demo role that allows it
// and holds it without anyone acting; bob finds it in his review queue and marks it reviewed. A role
// with break-glass off never offers it.

test('alice breaks glass, has access at once, and bob reviews it', async ({ as }) => {
  test.setTimeout(180_000);
  const justification = `Orders table locked by a stuck job ${uniqueTag()}`;
  const alice = await as('alice@example.com');
  await alice.goto('/requests/new');
  await fillRequestForm(alice, { resource: 'prod-postgres', role: 'read-write', minutes: '15', justification, ticket: 'INC-77' });
  await alice.getByRole('checkbox', { name: /Break glass/ }).check();
  await alice.getByRole('main').getByRole('button', { name: 'Break glass' }).click();
  await expect(alice).toHaveURL(/\/requests\?created=[0-9a-f-]{36}$/, { timeout: 30_000 });
  const row = requestRow(alice, justification);
  await expect(row.getByText('approved', { exact: true })).toBeVisible();
  await expect(row.getByTestId('break-glass-badge')).toBeVisible();

  // Nobody approved: the grant is active already, marked as break-glass, and offers no Extend.
  await alice.goto('/grants');
  const card = alice.getByRole('article', { name: 'Production PostgreSQL / read-write' });
  await expect(card.getByText('active', { exact: true })).toBeVisible({ timeout: 30_000 });
  await expect(card.getByTestId('break-glass-badge')).toBeVisible();
  await expect(card.getByRole('button', { name: /^Extend/ })).toHaveCount(0);

  const bob = await as('bob@example.com');
  await expect(bob.getByTestId('review-count')).toBeVisible();
  await bob.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Reviews' }).click();
  const item = bob.getByRole('main').getByRole('listitem').filter({ hasText: justification });
  await expect(item.getByTestId('break-glass-badge')).toBeVisible();
  await item.getByRole('link', { name: /Alice Adams broke glass on Production PostgreSQL \/ read-write/ }).click();
  await expect(bob.getByTestId('break-glass-justification')).toHaveText(justification);
  await expect(bob.getByText('Ticket: INC-77')).toBeVisible();
  await bob.getByRole('button', { name: 'Reviewed: justified' }).click();
  await expect(bob.getByTestId('review-outcome')).toContainText('Reviewed: justified by Bob Brown', { timeout: 30_000 });

  await bob.goto('/inbox/reviews');
  await expect(bob.getByRole('main').getByRole('listitem').filter({ hasText: justification })).toHaveCount(0);
});

test('a role without break-glass does not offer it', async ({ as }) => {
  const alice = await as('alice@example.com');
  await alice.goto('/requests/new');
  await alice.getByLabel('Resource', { exact: true }).selectOption('prod-postgres');
  await alice.getByLabel('Role', { exact: true }).selectOption('read-write');
  await expect(alice.getByRole('checkbox', { name: /Break glass/ })).toBeVisible();
  await alice.getByLabel('Role', { exact: true }).selectOption('read-only');
  await expect(alice.getByRole('checkbox', { name: /Break glass/ })).toHaveCount(0);
  await alice.getByLabel('Resource', { exact: true }).selectOption('feature-flags');
  await alice.getByLabel('Role', { exact: true }).selectOption('editor');
  await expect(alice.getByRole('checkbox', { name: /Break glass/ })).toHaveCount(0);
});
