import type { Locator } from '@playwright/test';
import { laptop, phone } from './page-check';
import { expect, requestAccess, requestRow, test, uniqueTag } from './lifecycle-helpers';

// Issue 10, item 13: on a phone the lists are cards that fit the screen, and the request form does not
// point at a policy "on the right" that is below it; on a laptop the audit table fits its box.

/** The element lies within the viewport's width (nothing cut off at the right edge). */
async function expectWithinWidth(element: Locator, width: number) {
  const box = await element.boundingBox();
  expect(box, 'element is laid out').not.toBeNull();
  expect(box!.x).toBeGreaterThanOrEqual(0);
  expect(box!.x + box!.width).toBeLessThanOrEqual(width);
}

test('My requests fits a phone: every column of a row, Cancel included, is on screen', async ({ as }) => {
  const justification = `Phone row ${uniqueTag()}`;
  // A role erin asks for nowhere else (two approvals, so it stays pending), withdrawn at the end.
  const erin = await as('erin@example.com');
  await erin.setViewportSize(phone);
  await requestAccess(erin, { resource: 'billing-console', role: 'operator', minutes: '20', justification });
  const row = requestRow(erin, justification);
  await expect(row).toBeVisible();
  expect(await erin.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(phone.width);
  await expectWithinWidth(row, phone.width);
  await expectWithinWidth(row.getByText('pending', { exact: true }), phone.width);
  const cancel = row.getByRole('button', { name: /^Cancel/ });
  await expectWithinWidth(cancel, phone.width);
  // Each value says which column it belongs to (the header row is hidden in the card layout).
  await expect(row.locator('[data-label="Status"]')).toBeVisible();
  await cancel.click();
  await expect(erin.getByRole('status').filter({ hasText: 'cancelled' })).toBeVisible({ timeout: 20_000 });
});

test('the request form on a phone does not say the policy is on the right', async ({ as }) => {
  const alice = await as('alice@example.com');
  await alice.setViewportSize(phone);
  await alice.goto('/requests/new');
  await expect(alice.getByRole('heading', { name: 'Request access', level: 1 })).toBeVisible();
  await expect(alice.getByRole('main')).not.toContainText(/on the right/i);
  expect(await alice.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(phone.width);
});

test('the audit table fits its box on a laptop, Detail column included', async ({ as }) => {
  const carol = await as('carol@example.com');
  await carol.setViewportSize(laptop);
  await carol.goto('/audit');
  const box = carol.getByRole('region', { name: 'Audit events table' });
  await expect(box.locator('tbody tr').first()).toBeVisible();
  const { scrollWidth, clientWidth } = await box.evaluate((el) => ({ scrollWidth: el.scrollWidth, clientWidth: el.clientWidth }));
  expect(scrollWidth, 'the table is no wider than its box').toBeLessThanOrEqual(clientWidth);
  await expectWithinWidth(box.locator('tbody tr').first().locator('td').last(), laptop.width);
});
