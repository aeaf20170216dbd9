import { expect, type Page } from '@playwright/test';

/** Carol's way to a portal resource with one role: through the admin forms, as an admin would. */
export async function createPortalRole(
  carol: Page,
  r: { slug: string; name: string; description: string; role: string; maxMinutes: string; ticketPattern?: string; ticketExample?: string; justificationMin?: string; eligibleGroups?: string },
) {
  await carol.goto('/admin/resources/new');
  await carol.getByLabel('Slug').fill(r.slug);
  await carol.getByLabel('Name', { exact: true }).fill(r.name);
  await carol.getByLabel('Description').fill(r.description);
  await carol.getByLabel('Kind').selectOption('portal');
  await carol.getByRole('button', { name: 'Create resource' }).click();
  await expect(carol.getByRole('heading', { level: 1, name: r.name })).toBeVisible();
  await carol.getByRole('link', { name: 'Add role' }).click();
  await carol.getByLabel('Role name').fill(r.role);
  await carol.getByLabel('Eligible groups').fill(r.eligibleGroups ?? 'engineering');
  await carol.getByLabel('Approver groups').fill('sre-leads');
  await carol.getByLabel('Longest duration (minutes)').fill(r.maxMinutes);
  if (r.ticketPattern) {
    await carol.getByLabel('Ticket required').check();
    await carol.getByLabel('Ticket pattern (regular expression)').fill(r.ticketPattern);
  }
  if (r.ticketExample) await carol.getByLabel('Ticket example').fill(r.ticketExample);
  if (r.justificationMin) await carol.getByLabel('Shortest justification (characters)').fill(r.justificationMin);
  await carol.getByRole('button', { name: 'Create role' }).click();
  await expect(carol.getByRole('heading', { level: 1, name: `Role ${r.role} on ${r.name}` })).toBeVisible();
}
