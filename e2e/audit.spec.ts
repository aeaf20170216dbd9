import fs from 'node:fs';
import { parse } from 'csv-parse/sync';
import type { Page } from '@playwright/test';
import { expect, requestAccess, test, uniqueTag } from './lifecycle-helpers';

// The compliance dashboard through the pages: alice makes some history (auto-approved grants she
// revokes), then dave, an auditor, filters it, pages through it, opens a grant's timeline, verifies
// the chain and downloads an export. alice herself may not open the dashboard.

const CSV_HEADER =
  'seq,occurredAt,id,actorLabel,actorId,tokenId,action,resource,resourceId,entitlementId,requestId,grantId,statusFrom,statusTo,justification,ticket,ip,userAgent,data,chainIndex,prevHash,hash,reportedAt';

/** Request feature-flags/admin (auto-approved for engineers) and revoke it again from the Grants page. */
async function grantAndRevoke(alice: Page, justification: string) {
  await requestAccess(alice, { resource: 'feature-flags', role: 'admin', minutes: '30', justification });
  await alice.goto('/grants');
  const card = alice.getByRole('article', { name: 'Feature flag console / admin' });
  await card.getByRole('button', { name: 'Revoke' }).click();
  await card.getByRole('button', { name: 'Confirm revoke' }).click();
  await expect(card).toHaveCount(0);
}

// The list streams in after the page's header and filters, so a read waits for rows (or a changed first row).
const eventRows = (page: Page) => page.getByTestId('audit-events').locator('tbody tr');
const eventIds = (page: Page) => eventRows(page).evaluateAll((rows) => rows.map((r) => r.getAttribute('data-event-id')));
const eventActions = (page: Page) => eventRows(page).evaluateAll((rows) => rows.map((r) => r.getAttribute('data-action')));
/** Waits until the list shows a page whose first event is not `previousFirst` (the page after a pager click). */
const nextPageShown = (page: Page, previousFirst: string | null | undefined) =>
  expect.poll(async () => { const ids = await eventIds(page); return ids.length > 0 && ids[0] !== previousFirst; }).toBe(true);

test('an auditor filters, pages, opens a grant timeline, verifies the trail and downloads a CSV export', async ({ as }) => {
  test.setTimeout(300_000); // two grants made and revoked through the pages, then a dozen page loads
  const tag = uniqueTag();
  const alice = await as('alice@example.com');
  await grantAndRevoke(alice, `Audit e2e first ${tag}`);
  await grantAndRevoke(alice, `Audit e2e second ${tag}`);

  const dave = await as('dave@example.com');
  // Three events a page, so two grants' worth of grant.* events (5 each) span four pages.
  await dave.goto('/audit?limit=3');
  await expect(dave.getByRole('heading', { name: 'Audit', level: 1 })).toBeVisible();

  // Filter by action: the form is a GET form, so the filter lands in the URL.
  await dave.getByLabel('Action', { exact: true }).fill('grant.');
  await dave.getByRole('button', { name: 'Apply filters' }).click();
  // Only the filled-in fields travel: the link says what it filters by.
  await expect(dave).toHaveURL(/\/audit\?action=grant\.&limit=3$/);
  await expect(dave.getByRole('heading', { name: 'Matching events' })).toBeVisible();
  await expect(eventRows(dave)).toHaveCount(3);
  const first = await eventIds(dave);
  expect(first).toHaveLength(3);
  for (const action of await eventActions(dave)) expect(action).toMatch(/^grant\./);

  // Older, older again, then Newer: keyset cursors in the URL, never page numbers.
  const pages = dave.getByRole('navigation', { name: 'Pages' });
  await pages.getByRole('link', { name: 'Older' }).click();
  await expect(dave).toHaveURL(/[?&]cursor=/);
  await expect(dave).toHaveURL(/[?&]action=grant\./);
  await nextPageShown(dave, first[0]);
  const second = await eventIds(dave);
  expect(second).toHaveLength(3);
  expect(second.filter((id) => first.includes(id))).toEqual([]);
  for (const action of await eventActions(dave)) expect(action).toMatch(/^grant\./);
  await pages.getByRole('link', { name: 'Older' }).click();
  await nextPageShown(dave, second[0]);
  const third = await eventIds(dave);
  expect(third.length).toBeGreaterThan(0);
  expect(third.filter((id) => first.includes(id) || second.includes(id))).toEqual([]);
  await pages.getByRole('link', { name: 'Newer' }).click();
  await expect.poll(() => eventIds(dave)).toEqual(second);
  await pages.getByRole('link', { name: 'Newer' }).click();
  await expect.poll(() => eventIds(dave)).toEqual(first);

  // The newest grant.* event belongs to alice's second grant: open its timeline.
  const grantLink = dave.getByTestId('audit-events').locator('tbody tr').first().getByRole('link', { name: /^Timeline of grant / });
  const grantId = ((await grantLink.getAttribute('aria-label')) ?? '').replace('Timeline of grant ', '');
  expect(grantId).toMatch(/^[0-9a-f-]{36}$/);
  await grantLink.click();
  await expect(dave).toHaveURL(new RegExp(`/audit/grants/${grantId}$`));
  await expect(dave.getByRole('heading', { name: 'Grant timeline', level: 1 })).toBeVisible();
  const summary = dave.getByRole('region', { name: 'Summary' });
  await expect(summary).toContainText('alice@example.com');
  await expect(summary).toContainText(`Audit e2e second ${tag}`);
  const steps = dave.getByTestId('grant-timeline').getByRole('listitem');
  const actions = await steps.evaluateAll((items) => items.map((i) => i.getAttribute('data-action')));
  expect(actions).toEqual(['request.created', 'request.auto_approved', 'grant.created', 'grant.provisioning', 'grant.activated', 'grant.revoke_requested', 'grant.revoked']);
  await expect(steps.last()).toContainText('after the previous step');

  // A step opens its event: every field, the data as JSON, its place in the chain, and the way back.
  await steps.first().getByRole('link', { name: 'request.created' }).click();
  await expect(dave.getByRole('heading', { level: 1 })).toHaveText(/^Event \d+: request\.created$/);
  await expect(dave.getByTestId('event-data')).toContainText(`"justification": "Audit e2e second ${tag}"`);
  await expect(dave.getByRole('region', { name: 'Hash chain' })).toBeVisible();
  await dave.getByRole('link', { name: `${grantId} — timeline` }).click();
  await expect(dave).toHaveURL(new RegExp(`/audit/grants/${grantId}$`));

  // Every event of that grant, then its CSV export: the row count shown matches the table and the file.
  await dave.getByRole('link', { name: "This grant's events as a list" }).click();
  await expect(dave).toHaveURL(new RegExp(`[?&]grantId=${grantId}`));
  const rows = 5; // created, provisioning, activated, revoke_requested, revoked
  await expect(eventRows(dave)).toHaveCount(rows);

  await dave.getByRole('button', { name: 'Verify the trail' }).click();
  await expect(dave.getByTestId('verify-result')).toContainText(/Trail intact: \d[\d,]* events checked/, { timeout: 60_000 });

  await dave.getByRole('button', { name: 'Export CSV' }).click();
  const status = dave.getByTestId('export-status');
  await expect(status).toContainText(`Export finished: ${rows} rows`, { timeout: 60_000 });
  const saveLink = status.getByRole('link', { name: /^Save timebox-audit-.*\.csv$/ });
  const [download] = await Promise.all([dave.waitForEvent('download'), saveLink.click()]);
  expect(download.suggestedFilename()).toMatch(/^timebox-audit-.*\.csv$/);
  const text = fs.readFileSync((await download.path())!, 'utf8');
  expect(text.split('\r\n')[0]).toBe(CSV_HEADER);
  const records = parse(text, { columns: true }) as Record<string, string>[];
  expect(records).toHaveLength(rows);
  for (const record of records) expect(record.grantId).toBe(grantId);
  expect(records.map((r) => r.action)).toEqual(['grant.created', 'grant.provisioning', 'grant.activated', 'grant.revoke_requested', 'grant.revoked']);

  // The export itself is on the record.
  await dave.goto('/audit?action=audit.exported');
  await expect(eventRows(dave).first()).toContainText('dave@example.com');
});

test('a member sees "Not allowed" on the dashboard, and its export route refuses her', async ({ as }) => {
  const alice = await as('alice@example.com');
  await alice.goto('/audit');
  await expect(alice.getByRole('heading', { name: 'Not allowed' })).toBeVisible();
  await expect(alice.getByTestId('audit-events')).toHaveCount(0);
  await alice.goto('/audit/metrics');
  await expect(alice.getByRole('heading', { name: 'Not allowed' })).toBeVisible();
  const response = await alice.request.get('/api/portal/audit/export?format=csv');
  expect(response.status()).toBe(403);
  expect(await response.json()).toMatchObject({ error: { code: 'forbidden' } });
});

test('an admin sees the metrics with their charts and numbers', async ({ as }) => {
  const carol = await as('carol@example.com');
  await carol.goto('/audit/metrics');
  await expect(carol.getByRole('heading', { name: 'Audit', level: 1 })).toBeVisible();
  await expect(carol.getByTestId('metric-active-grants')).toHaveText(/^\d+$/);
  await expect(carol.getByRole('img', { name: /^Grants issued per day, last 14 days: \d+ in all/ })).toBeVisible();
  await carol.getByRole('figure', { name: /Grants issued per day/ }).getByText('Show as a table').click();
  await expect(carol.getByRole('table', { name: /Grants issued per day/ }).getByRole('row')).toHaveCount(15);
});
