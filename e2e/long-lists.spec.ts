import { expect, inboxItem, pill, requestAccess, requestRow, test, uniqueTag } from './lifecycle-helpers';

// Long lists stay light: the inbox comes in pages behind "Next requests" links, and /audit suggests
// people for its actor filter as one types (an auditor-only route) instead of listing everyone in the page,
// and its links prefetch nothing.

test('the inbox pages with keyset links that keep the page size, and shows each request once', async ({ as }) => {
  test.setTimeout(240_000); // two requests through the form, a few page loads, and the clean-up
  const tag = uniqueTag();
  const justifications = [`Paging first ${tag}`, `Paging second ${tag}`];
  const erin = await as('erin@example.com');
  // Roles no spec before this one asks for as erin: a role is held (and asked for) once at a time, and
  // extend-ticket and lifecycle leave erin with live status-page and feature-flags grants.
  await requestAccess(erin, { resource: 'bastion-ssh', role: 'login', minutes: '20', justification: justifications[0]! });
  await requestAccess(erin, { resource: 'billing-console', role: 'operator', minutes: '20', justification: justifications[1]! });
  try {
    const bob = await as('bob@example.com');
    await bob.goto('/inbox?limit=1');
    const seen: string[] = [];
    for (let pages = 0; pages < 50; pages++) {
      const items = bob.getByRole('main').getByRole('article');
      await expect(items).toHaveCount(1);
      seen.push(...(await items.allInnerTexts()).filter((text) => text.includes(tag)).map((text) => justifications.find((j) => text.includes(j))!));
      const next = bob.getByRole('navigation', { name: 'Pages' }).getByRole('link', { name: 'Next requests' });
      if ((await next.count()) === 0) break;
      const id = await items.getAttribute('data-request-id');
      await next.click();
      await expect(bob).toHaveURL(/\/inbox\?after=[\w-]+&limit=1$/);
      await expect(items.first()).not.toHaveAttribute('data-request-id', id!);
    }
    expect(seen.sort()).toEqual([...justifications].sort());
    // Back to the start, still one a page.
    await bob.getByRole('navigation', { name: 'Pages' }).getByRole('link', { name: 'Oldest requests' }).click();
    await expect(bob).toHaveURL(/\/inbox\?limit=1$/);

    // A forged page link is a message, not an error page.
    await bob.goto('/inbox?after=forged');
    await expect(bob.getByRole('main').getByRole('alert')).toContainText('This page link does not work');
    expect((await bob.request.get('/api/portal/inbox?after=forged')).status()).toBe(400);
    await expect(inboxItem(bob, justifications[0]!)).toHaveCount(0);
  } finally {
    await erin.goto('/requests');
    for (const justification of justifications) {
      await requestRow(erin, justification).getByRole('button', { name: 'Cancel' }).click();
      await expect(pill(requestRow(erin, justification), 'cancelled')).toBeVisible();
    }
  }
});

test('the actor filter suggests people on demand, for auditors only, and the page prefetches nothing', async ({ as }) => {
  const dave = await as('dave@example.com');
  const suggest = (query: string) => dave.request.get(`/api/portal/audit/actors${query}`);

  const found = await suggest('?prefix=FR');
  expect(found.status()).toBe(200);
  expect(await found.json()).toEqual({ people: [{ email: 'frank@example.com', name: 'Frank Fischer' }] });
  expect(await (await suggest('?prefix=Alice')).json()).toEqual({ people: [{ email: 'alice@example.com', name: 'Alice Adams' }] });
  for (const bad of ['', '?prefix=', `?prefix=${'a'.repeat(101)}`, '?prefix=a&limit=5']) {
    const refused = await suggest(bad);
    expect(refused.status(), bad).toBe(400);
    expect((await refused.json()).error.code).toBe('bad_request');
  }

  const alice = await as('alice@example.com');
  const forbidden = await alice.request.get('/api/portal/audit/actors?prefix=a');
  expect(forbidden.status()).toBe(403);
  expect((await forbidden.json()).error.code).toBe('forbidden');

  // Its links fetch nothing ahead: every page is rendered per request, and a prefetch of each linked page
  // (each event, actor, action, request, grant) cost the server ~15× the page itself (components/ui/app-link.tsx).
  const prefetched: string[] = [];
  dave.on('request', (r) => {
    if (r.headers()['next-router-prefetch']) prefetched.push(r.url());
  });
  // The page carries no list of people; typing brings the matching ones.
  await dave.goto('/audit');
  const options = dave.locator('datalist#audit-actors option');
  await expect(options).toHaveCount(2); // system:scheduler, system:reconciler
  await dave.getByLabel('Actor', { exact: true }).fill('fra');
  await expect(dave.locator('datalist#audit-actors option[value="frank@example.com"]')).toHaveCount(1);
  // By now the page is hydrated and its links have been in view while the suggestions came and went.
  expect(prefetched).toEqual([]);
});
