import type { Page } from '@playwright/test';
import { createPortalRole } from './forms-helpers';
import { expect, requestAccess, test, uniqueTag } from './lifecycle-helpers';
import { checkPage, laptop, phone } from './page-check';

// Issue 11: bob is told of alice's request in the bell, follows it to the request's own page and
// approves there; alice's bell then tells her the decision and leads to the grant. The bell's count is
// in its name ("Notifications, 3 unread"), for screen readers and for this test.

/** How long a bell may take to show something new: it polls every 20 s; a reload is quicker. */
const BELL_WAIT = 30_000;

const bell = (page: Page) => page.getByRole('banner').getByRole('button', { name: /^Notifications, \d+ unread$/ });
const unread = async (page: Page) => Number(/(\d+) unread/.exec((await bell(page).getAttribute('aria-label')) ?? '')?.[1] ?? NaN);
const bellItem = (page: Page, text: string) => page.getByRole('banner').getByRole('list', { name: 'Latest notifications' }).getByRole('link').filter({ hasText: text });

test('bob hears of alice’s request in the bell, approves it on its page, and alice’s bell tells her', async ({ as }) => {
  test.setTimeout(300_000);
  const tag = uniqueTag();
  const slug = `bell-${tag}`;
  const carol = await as('carol@example.com');
  await createPortalRole(carol, { slug, name: `Bell console ${tag}`, description: 'For the notifications spec', role: 'operator', maxMinutes: '60' });

  const bob = await as('bob@example.com');
  const bobBefore = await unread(bob);

  const alice = await as('alice@example.com');
  await requestAccess(alice, { resource: slug, role: 'operator', minutes: '30', justification: `Check the bell ${tag}` });
  const requestId = /created=([0-9a-f-]{36})/.exec(alice.url())![1]!;

  // Bob's bell counts it (within a poll, or at once on the next page he opens).
  await bob.reload();
  await expect.poll(() => unread(bob), { timeout: BELL_WAIT }).toBeGreaterThan(bobBefore);
  await bell(bob).click();
  await expect(bell(bob)).toHaveAttribute('aria-expanded', 'true');
  const item = bellItem(bob, `Approve? Alice Adams wants operator on ${slug} for 30 min`);
  await expect(item).toContainText('Unread');
  const countBefore = await unread(bob);
  await item.click();

  // The link opens the request's own page; marking it read was a POST, the page itself changed nothing.
  await expect(bob).toHaveURL(new RegExp(`/inbox/${requestId}$`));
  await expect(bob.getByRole('heading', { level: 1, name: 'Request' })).toBeVisible();
  await expect.poll(() => unread(bob)).toBe(countBefore - 1);
  const decision = bob.getByRole('article').filter({ hasText: `Check the bell ${tag}` });
  await decision.getByLabel('Comment', { exact: true }).fill('Go ahead');
  await decision.getByRole('button', { name: 'Approve' }).click();
  await expect(bob.getByText(`Approved Alice Adams's request for operator on Bell console ${tag}.`)).toBeVisible();

  // Alice's bell has the decision, which leads to her grant.
  await alice.goto('/requests');
  await expect.poll(() => unread(alice), { timeout: BELL_WAIT }).toBeGreaterThan(0);
  await bell(alice).click();
  const news = bellItem(alice, `Approved by Bob Brown: Alice Adams's request for operator on ${slug}`);
  await news.click();
  await expect(alice).toHaveURL(/\/grants\/[0-9a-f-]{36}$/);
  await bell(alice).click();
  await alice.getByRole('button', { name: 'Mark all read' }).click();
  await expect(bell(alice)).toHaveAccessibleName('Notifications, 0 unread');

  // On a phone the open panel (still open after "Mark all read") fits the screen.
  await alice.setViewportSize(phone);
  const panel = alice.getByRole('region', { name: 'Notifications' });
  await expect(panel).toBeInViewport();
  const box = (await panel.boundingBox())!;
  expect(box.x).toBeGreaterThanOrEqual(0);
  expect(box.x + box.width).toBeLessThanOrEqual(phone.width);

  // Clean up: alice gives the role back.
  await alice.setViewportSize(laptop);
  await alice.goto('/grants');
  const card = alice.getByRole('article', { name: `Bell console ${tag} / operator` });
  await card.getByRole('button', { name: 'Revoke' }).click();
  await card.getByLabel('Reason', { exact: true }).fill('Spec done');
  await card.getByRole('button', { name: 'Confirm revoke' }).click();
  await expect(card).toHaveCount(0);
});

test('an approver cannot switch off "A request needs you" entirely; settings and deliveries pages pass axe', async ({ as }) => {
  test.setTimeout(300_000); // six axe checks: on a loaded machine more than the default two minutes
  const bob = await as('bob@example.com');
  await bob.goto('/settings/notifications');
  const needsYou = bob.getByRole('group', { name: /A request needs you/ });
  await needsYou.getByLabel('E-mail').uncheck();
  await needsYou.getByLabel('Bell').uncheck();
  await bob.getByRole('button', { name: 'Save' }).click();
  await expect(bob.getByRole('alert').filter({ hasText: 'Keep at least one channel for: A request needs you.' })).toBeVisible();
  await expect(needsYou).toHaveAccessibleDescription(/Keep e-mail or the bell on/);
  await bob.reload();
  await expect(bob.getByRole('group', { name: /A request needs you/ }).getByLabel('Bell')).toBeChecked();

  const carol = await as('carol@example.com');
  for (const viewport of [laptop, phone]) {
    await bob.setViewportSize(viewport);
    await checkPage(bob, '/settings/notifications', 'bob-settings-notifications');
    await carol.setViewportSize(viewport);
    await checkPage(carol, '/admin/notifications', 'carol-admin-notifications');
    await checkPage(carol, '/admin/notifications?status=failed', 'carol-admin-notifications-failed');
  }
  // Members get no delivery list.
  await bob.goto('/admin/notifications');
  await expect(bob.getByRole('heading', { name: 'Not allowed' })).toBeVisible();
});
