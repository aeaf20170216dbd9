import { createPortalRole } from './forms-helpers';
import { expect, test, uniqueTag } from './lifecycle-helpers';

// Issue 10, item 18: among many resources, the requester types to narrow the list (name, slug or
// description), sees the roles they may ask for with their limits, and picks a duration in one tap.
test('the resource list narrows as alice types, works by keyboard, shows role limits and duration presets, and fits a phone', async ({ as }) => {
  const tag = uniqueTag();
  const carol = await as('carol@example.com');
  await createPortalRole(carol, { slug: `ledger-${tag}`, name: `Ledger ${tag}`, description: `Quarter-end books zq${tag}`, role: 'closer', maxMinutes: '120' });
  await createPortalRole(carol, { slug: `kiosk-${tag}`, name: `Kiosk ${tag}`, description: 'Shop front', role: 'viewer', maxMinutes: '20' });

  const alice = await as('alice@example.com');
  await alice.setViewportSize({ width: 390, height: 844 });
  await alice.goto('/requests/new');
  const search = alice.getByLabel('Find a resource');
  const list = alice.getByRole('listbox', { name: 'Resource' });

  // By description: only the ledger is left.
  await search.fill(`zq${tag}`);
  await expect(list.getByRole('option')).toHaveText([`Ledger ${tag} (ledger-${tag})`]);
  // By slug, then into the list with the keyboard.
  await search.fill(`kiosk-${tag}`);
  await expect(list.getByRole('option')).toHaveText([`Kiosk ${tag} (kiosk-${tag})`]);
  await search.press('ArrowDown');
  await expect(list).toBeFocused();
  await expect(list).toHaveValue(`kiosk-${tag}`);
  // Its one role is chosen, listed with its limits.
  await expect(alice.getByLabel('Role', { exact: true })).toHaveValue('viewer');
  await expect(alice.getByRole('region', { name: 'Roles you may ask for here' })).toContainText('viewer — up to 20 min · 1 approval');

  // Presets stop at the limit: 15 min and the longest (20 min).
  const presets = alice.getByRole('group', { name: 'Duration presets' }).getByRole('button');
  await expect(presets).toHaveText(['15 min', '20 min (longest)']);
  await presets.last().click();
  await expect(alice.getByLabel('Duration (minutes)', { exact: true })).toHaveValue('20');
  await expect(presets.last()).toHaveAttribute('aria-pressed', 'true');

  // By name, Enter picks the one match; the other resource offers 15, 30, 60 and 120 minutes.
  await search.fill(`ledger ${tag}`);
  await search.press('Enter');
  await expect(list).toHaveValue(`ledger-${tag}`);
  await expect(presets).toHaveText(['15 min', '30 min', '1 h', '2 h (longest)']);
  await presets.nth(1).click();
  await expect(alice.getByLabel('Duration (minutes)', { exact: true })).toHaveValue('30');

  // Nothing sticks out on a 390 px phone.
  expect(await alice.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
});
