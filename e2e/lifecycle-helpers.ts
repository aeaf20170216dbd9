import type { BrowserContext, Locator, Page } from '@playwright/test';
import { expect, test as base } from './portal-test';
import { signIn } from './helpers';

type StorageState = Awaited<ReturnType<BrowserContext['storageState']>>;
/** Each person's session cookie from their last sign-in in this worker: signing in is three page loads. */
const sessions = new Map<string, StorageState>();

/** Added to a test's time limit for every `as()` in it. */
const PER_PERSON_BUDGET = 60_000;

/**
 * `as(email)`: a signed-in page in a browser context of its own, so one test can play the requester
 * and the approvers side by side. Contexts are closed when the test ends. A session from an earlier test
 * is reused while the server still accepts it (a spec that signs out ends it, and then we sign in again).
 */
export const test = base.extend<{ as: (email: string) => Promise<Page> }>({
  as: async ({ browser, baseURL }, provide, testInfo) => {
    const contexts: BrowserContext[] = [];
    await provide(async (email) => {
      // Each person on stage costs a browser context, page loads and their own clicks: the test's budget
      // grows with the cast, so a four-person test on a loaded machine is not held to a one-person budget
      // (at load ~20 a three-person test ran past the default 120 s with nothing wrong).
      testInfo.setTimeout(testInfo.timeout + PER_PERSON_BUDGET);
      const context = await browser.newContext({ baseURL, storageState: sessions.get(email) });
      contexts.push(context);
      const page = await context.newPage();
      await page.goto('/');
      if (new URL(page.url()).pathname === '/login') {
        await signIn(page, email);
        await expect(page.getByRole('heading', { name: /^Hello, / })).toBeVisible();
        sessions.set(email, await context.storageState());
      } else {
        await expect(page.getByRole('heading', { name: /^Hello, / })).toBeVisible();
      }
      return page;
    });
    await Promise.all(contexts.map((c) => c.close()));
  },
});

export { expect };

/** How long a page that polls the inbox (every 5 s) may take to show a change on a busy machine. */
export const INBOX_REFRESH_WAIT = 45_000;

/** Data persists across the tests of one run: a unique word makes each test find only its own rows. */
export const uniqueTag = () => Math.random().toString(36).slice(2, 8);

export interface RequestFields {
  resource: string;
  role: string;
  minutes: string;
  justification: string;
  ticket?: string;
}

/** Fills the Request access form (without submitting). */
export async function fillRequestForm(page: Page, fields: RequestFields) {
  await page.getByLabel('Resource', { exact: true }).selectOption(fields.resource);
  await page.getByLabel('Role', { exact: true }).selectOption(fields.role);
  await page.getByLabel('Duration (minutes)', { exact: true }).fill(fields.minutes);
  await page.getByLabel('Justification', { exact: true }).fill(fields.justification);
  if (fields.ticket !== undefined) await page.getByLabel('Ticket', { exact: true }).fill(fields.ticket);
}

export const submitButton = (page: Page) => page.getByRole('main').getByRole('button', { name: 'Request access' });

/** Submits a request through the form and waits for My requests to confirm it. */
export async function requestAccess(page: Page, fields: RequestFields) {
  await page.goto('/requests/new');
  await fillRequestForm(page, fields);
  await submitButton(page).click();
  await expect(page).toHaveURL(/\/requests\?created=[0-9a-f-]{36}$/);
}

/** The row of My requests that holds this (unique) justification. */
export const requestRow = (page: Page, justification: string): Locator => page.getByRole('row').filter({ hasText: justification });

/** The inbox card of the request with this (unique) justification. */
export const inboxItem = (page: Page, justification: string): Locator => page.getByRole('main').getByRole('article').filter({ hasText: justification });

/** A status pill: the status as its exact lower-case word. */
export const pill = (scope: Locator, status: string): Locator => scope.getByText(status, { exact: true });
