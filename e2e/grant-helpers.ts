import type { Page } from '@playwright/test';
import { expect, requestAccess, uniqueTag } from './lifecycle-helpers';

const currentSection = (page: Page) => page.locator('section[aria-labelledby="current-heading"]');
const cardIds = (page: Page) => currentSection(page).locator('article[data-grant-id]').evaluateAll((cards) => cards.map((c) => c.getAttribute('data-grant-id')!));

/**
 * A fresh feature-flags/admin grant (auto-approved for engineers) for the signed-in user; returns its id.
 * A role is held once at a time and specs share one database, so a live one left by another spec is
 * ended first (revoked, or waited out when its time is already up).
 */
export async function freshFlagAdminGrant(page: Page, minutes: string): Promise<string> {
  await endFlagAdminGrants(page);
  const earlier = new Set(await cardIds(page));
  await requestAccess(page, { resource: 'feature-flags', role: 'admin', minutes, justification: `Flag admin for a check ${uniqueTag()}` });
  await page.goto('/grants');
  await expect.poll(async () => (await cardIds(page)).filter((id) => !earlier.has(id)).length).toBe(1);
  return (await cardIds(page)).find((id) => !earlier.has(id))!;
}

/** Ends the signed-in user's live feature-flags/admin grants (revoked, or waited out when already ending), so later specs can ask for it. */
export async function endFlagAdminGrants(page: Page): Promise<void> {
  await page.goto('/grants');
  const held = currentSection(page).getByRole('article', { name: 'Feature flag console / admin' });
  while ((await held.count()) > 0) {
    const before = await held.count();
    const revoke = held.first().getByRole('button', { name: /^Revoke/ });
    if ((await revoke.count()) > 0) {
      await revoke.click();
      await held.first().getByRole('button', { name: 'Confirm revoke' }).click();
    }
    await expect(held).toHaveCount(before - 1, { timeout: 60_000 });
    await page.goto('/grants');
  }
}
