import { expect, fillRequestForm, inboxItem, INBOX_REFRESH_WAIT, pill, requestAccess, requestRow, submitButton, test, uniqueTag } from './lifecycle-helpers';

// The access lifecycle through the pages, one person per browser context. Each test uses its own
// requester/role pair (a user cannot hold two pending requests for one role) and a unique justification.

test('a request approved by someone else becomes a live grant the requester can revoke', async ({ as }) => {
  const justification = `Roll back the checkout flag ${uniqueTag()}`;
  const bob = await as('bob@example.com');
  await bob.goto('/inbox');
  await expect(bob.getByRole('heading', { name: 'Inbox', level: 1 })).toBeVisible();

  const alice = await as('alice@example.com');
  await requestAccess(alice, { resource: 'feature-flags', role: 'editor', minutes: '90', justification });
  await expect(alice.getByRole('main').getByRole('status').filter({ hasText: 'waiting for approval' })).toBeVisible();
  await expect(pill(requestRow(alice, justification), 'pending')).toBeVisible();

  // Bob's inbox was open before the request existed: it refreshes by itself (every 5 s; allow several rounds).
  const item = inboxItem(bob, justification);
  await expect(item).toBeVisible({ timeout: INBOX_REFRESH_WAIT });
  await expect(item).toContainText('Alice Adams');
  await expect(item).toContainText('alice@example.com');
  await expect(item).toContainText('90 minutes');
  await item.getByLabel('Comment', { exact: true }).fill('Go ahead');
  await item.getByRole('button', { name: 'Approve' }).click();
  await expect(bob.getByText("Approved Alice Adams's request for editor on Feature flag console. The access is active now.")).toBeVisible();
  await expect(item).toHaveCount(0);

  await alice.goto('/requests');
  const row = requestRow(alice, justification);
  await expect(pill(row, 'approved')).toBeVisible();
  await expect(pill(row, 'active')).toBeVisible();
  await expect(row).toContainText('Bob Brown approved: “Go ahead”');

  await alice.goto('/grants');
  const card = alice.getByRole('article', { name: 'Feature flag console / editor' });
  await expect(pill(card, 'active')).toBeVisible();
  await expect(card.getByRole('timer')).toHaveText(/^1 h (2[5-9]|30) min left$/);

  await card.getByRole('button', { name: 'Revoke' }).click();
  await card.getByLabel('Reason', { exact: true }).fill(`Done ${justification}`);
  await card.getByRole('button', { name: 'Confirm revoke' }).click();
  await expect(card).toHaveCount(0);
  const past = alice.getByRole('row').filter({ hasText: `revoked: Done ${justification}` });
  await expect(pill(past, 'revoked')).toBeVisible();
  await expect(past).toContainText('Feature flag console');
});

test('a role within its auto-approval rule is granted at once, and the policy says so before submitting', async ({ as }) => {
  const justification = `Clean up stale flags ${uniqueTag()}`;
  const erin = await as('erin@example.com');
  await erin.goto('/requests/new?resource=feature-flags&role=admin');
  await expect(erin.getByLabel('Resource', { exact: true })).toHaveValue('feature-flags');
  await expect(erin.getByLabel('Role', { exact: true })).toHaveValue('admin');

  const policy = erin.getByRole('region', { name: 'Policy for this role' });
  await expect(policy).toHaveAttribute('aria-live', 'polite');
  await expect(policy).toContainText(/Longest duration\s*60 minutes/);
  await expect(policy).toContainText('1 approval from sre-leads');
  await expect(policy.getByTestId('auto-approval')).toHaveText('Auto-approved: yes, up to 60 minutes');

  // Too long: refused next to the field, and what was typed stays.
  await erin.getByLabel('Duration (minutes)', { exact: true }).fill('90');
  await erin.getByLabel('Justification', { exact: true }).fill(justification);
  await expect(policy.getByTestId('auto-approval')).toHaveText('Too long: at most 60 minutes');
  await submitButton(erin).click();
  await expect(erin.getByLabel('Duration (minutes)', { exact: true })).toHaveAccessibleDescription(/The longest allowed duration is 60 minutes\./);
  await expect(erin.getByLabel('Justification', { exact: true })).toHaveValue(justification);
  await expect(erin).toHaveURL(/\/requests\/new/);

  await erin.getByLabel('Duration (minutes)', { exact: true }).fill('30');
  await expect(policy.getByTestId('auto-approval')).toHaveText('Auto-approved: yes, up to 60 minutes');
  await submitButton(erin).click();
  await expect(erin).toHaveURL(/\/requests\?created=/);
  await expect(erin.getByRole('main').getByRole('status').filter({ hasText: 'Auto-approved: your access to Feature flag console / admin is active until' })).toBeVisible();
  const row = requestRow(erin, justification);
  await expect(pill(row, 'approved')).toBeVisible();
  await expect(row).toContainText('auto-approved');

  await erin.goto('/grants');
  const card = erin.getByRole('article', { name: 'Feature flag console / admin' });
  await expect(pill(card, 'active')).toBeVisible();
  await expect(card.getByRole('timer')).toHaveText(/^(2[5-9]|30) min \d+ s left$/);
  // The whole grant may never pass the policy's longest duration, auto-approved or not.
  await card.getByRole('button', { name: 'Extend' }).click();
  await card.getByLabel('Minutes', { exact: true }).fill('45');
  await card.getByLabel('Justification', { exact: true }).fill('more cleanup');
  await card.getByRole('button', { name: 'Request extension' }).click();
  await expect(card.getByLabel('Minutes', { exact: true })).toHaveAccessibleDescription(/The longest allowed duration is 60 minutes in all; this grant already has 30\./);
  await card.getByLabel('Minutes', { exact: true }).fill('20');
  await card.getByRole('button', { name: 'Request extension' }).click();
  await expect(card.getByText('Extended at once: the new end time is shown above.')).toBeVisible();
  await expect(card.getByRole('timer')).toHaveText(/^(4[5-9]|50) min \d+ s left$/);
});

test('a two-approver request needs two different approvers', async ({ as }) => {
  const justification = `Refund a double charge ${uniqueTag()}`;
  const alice = await as('alice@example.com');
  await alice.goto('/requests/new');
  await fillRequestForm(alice, { resource: 'billing-console', role: 'operator', minutes: '20', justification });
  await expect(alice.getByRole('region', { name: 'Policy for this role' })).toContainText('2 approvals from sre-leads');
  await expect(alice.getByTestId('auto-approval')).toHaveText('Needs approval');
  await submitButton(alice).click();
  await expect(alice).toHaveURL(/\/requests\?created=/);

  const bob = await as('bob@example.com');
  await bob.goto('/inbox');
  await inboxItem(bob, justification).getByRole('button', { name: 'Approve' }).click();
  await expect(bob.getByText("Your approval of Alice Adams's request for operator on Billing console is recorded; it still needs more approvals.")).toBeVisible();
  // One person counts once: it does not come back to Bob, even after a reload.
  await bob.reload();
  await expect(bob.getByRole('heading', { name: 'Inbox', level: 1 })).toBeVisible();
  await expect(inboxItem(bob, justification)).toHaveCount(0);

  await alice.reload();
  const row = requestRow(alice, justification);
  await expect(pill(row, 'pending')).toBeVisible();
  await expect(row).toContainText('Bob Brown approved');
  await expect(row).toContainText('1 of 2 approvals — needs 1 more from sre-leads');

  const frank = await as('frank@example.com');
  await frank.goto('/inbox');
  const item = inboxItem(frank, justification);
  await expect(item).toContainText('Bob Brown approved');
  await expect(item).toContainText('1 of 2 approvals — needs 1 more from sre-leads');
  await item.getByRole('button', { name: 'Approve' }).click();
  await expect(frank.getByText("Approved Alice Adams's request for operator on Billing console. The access is active now.")).toBeVisible();

  await alice.reload();
  await expect(pill(row, 'approved')).toBeVisible();
  await expect(pill(row, 'active')).toBeVisible();
  await expect(row).toContainText('Frank Fischer approved');
});

test('a deny needs a comment; a second approver who was too late is told so', async ({ as }) => {
  const justification = `Flip the search flag ${uniqueTag()}`;
  const erin = await as('erin@example.com');
  await requestAccess(erin, { resource: 'feature-flags', role: 'editor', minutes: '15', justification });

  // Frank loads the inbox, then stops receiving updates, so the request is still on his screen later.
  const frank = await as('frank@example.com');
  await frank.goto('/inbox');
  await expect(inboxItem(frank, justification)).toBeVisible();
  await frank.route('**/api/portal/inbox', (route) => route.abort());

  const bob = await as('bob@example.com');
  await bob.goto('/inbox');
  const item = inboxItem(bob, justification);
  await item.getByRole('button', { name: 'Deny' }).click();
  await expect(item.getByLabel('Comment', { exact: true })).toHaveAccessibleDescription(/Say why you deny the request: a comment is required\./);
  await expect(item.getByLabel('Comment', { exact: true })).toHaveAttribute('aria-invalid', 'true');
  await item.getByLabel('Comment', { exact: true }).fill('Use the staged rollout instead');
  await item.getByRole('button', { name: 'Deny' }).click();
  await expect(bob.getByText("Denied Erin Evans's request for editor on Feature flag console.")).toBeVisible();
  await expect(item).toHaveCount(0);

  await inboxItem(frank, justification).getByRole('button', { name: 'Approve' }).click();
  await expect(frank.getByRole('main').getByRole('alert')).toContainText('was already decided by someone else, or withdrawn: This request is already denied.');
  await expect(inboxItem(frank, justification)).toHaveCount(0);

  await erin.goto('/requests');
  const row = requestRow(erin, justification);
  await expect(pill(row, 'denied')).toBeVisible();
  await expect(row).toContainText('Bob Brown denied: “Use the staged rollout instead”');
  await expect(row.getByRole('button', { name: 'Cancel' })).toHaveCount(0);
});

test('a pending request can be cancelled; ticket rules show before and after submitting', async ({ as }) => {
  const justification = `Post the outage update ${uniqueTag()}`;
  const alice = await as('alice@example.com');
  await alice.goto('/requests/new');
  await fillRequestForm(alice, { resource: 'status-page', role: 'editor', minutes: '60', justification, ticket: 'inc 42' });
  await expect(alice.getByRole('region', { name: 'Policy for this role' })).toContainText('required, like OPS-123');
  const inTwoHours = new Date(Date.now() + 2 * 3_600_000);
  const local = new Date(inTwoHours.getTime() - inTwoHours.getTimezoneOffset() * 60_000).toISOString().slice(0, 16);
  await alice.getByLabel('Start at', { exact: true }).fill(local);
  await submitButton(alice).click();
  await expect(alice.getByLabel('Ticket', { exact: true })).toHaveAccessibleDescription(/The ticket must look like OPS-123\./);
  await expect(alice.getByLabel('Justification', { exact: true })).toHaveValue(justification);
  await expect(alice.getByLabel('Start at', { exact: true })).toHaveValue(local);

  await alice.getByLabel('Ticket', { exact: true }).fill('INC-42');
  await submitButton(alice).click();
  await expect(alice).toHaveURL(/\/requests\?created=/);
  const row = requestRow(alice, justification);
  await expect(pill(row, 'pending')).toBeVisible();
  await expect(row).toContainText('Ticket INC-42');
  // The scheduled start shows in the list, as a time with its UTC form on hover.
  await expect(row.getByTestId('request-start')).toHaveText(/^starts \S/);
  await expect(row.getByTestId('request-start').locator('time')).toHaveAttribute('title', /UTC$/);

  const bob = await as('bob@example.com');
  await bob.goto('/inbox');
  await expect(inboxItem(bob, justification)).toContainText('INC-42');

  await row.getByRole('button', { name: 'Cancel' }).click();
  await expect(pill(row, 'cancelled')).toBeVisible();
  await expect(row.getByRole('button', { name: 'Cancel' })).toHaveCount(0);
  await expect(inboxItem(bob, justification)).toHaveCount(0, { timeout: INBOX_REFRESH_WAIT });
});

test('nobody decides their own request: it never reaches the requester’s inbox', async ({ as, request }) => {
  const justification = `Ship the pricing flag ${uniqueTag()}`;
  const bob = await as('bob@example.com');
  await requestAccess(bob, { resource: 'feature-flags', role: 'editor', minutes: '10', justification });
  await bob.goto('/inbox');
  await expect(bob.getByRole('heading', { name: 'Inbox', level: 1 })).toBeVisible();
  await expect(inboxItem(bob, justification)).toHaveCount(0);
  const bobsQueue = (await (await bob.request.get('/api/portal/inbox')).json()) as { requests: { justification: string }[] };
  expect(bobsQueue.requests.map((r) => r.justification)).not.toContain(justification);

  const frank = await as('frank@example.com');
  await frank.goto('/inbox');
  await expect(inboxItem(frank, justification)).toBeVisible();
  await expect(frank.getByRole('navigation', { name: 'Main' }).getByTestId('inbox-count')).toHaveText(/^\d+ pending$/);
  await expect(frank.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Inbox', exact: true })).toBeVisible();

  // The polling endpoint answers only a signed-in approver.
  const anonymous = await request.get('/api/portal/inbox');
  expect(anonymous.status()).toBe(401);
  expect(await anonymous.json()).toMatchObject({ error: { code: 'unauthenticated' } });
  const alice = await as('alice@example.com');
  expect((await alice.request.get('/api/portal/inbox')).status()).toBe(403);

  await bob.goto('/requests');
  await requestRow(bob, justification).getByRole('button', { name: 'Cancel' }).click();
  await expect(pill(requestRow(bob, justification), 'cancelled')).toBeVisible();
});
