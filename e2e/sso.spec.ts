import type { Browser, Page } from '@playwright/test';
import { createPortalRole } from './forms-helpers';
import { mainNavLinks } from './helpers';
import { expect, test, uniqueTag } from './lifecycle-helpers';
import { setIdpAccount, setIdpClientSecret } from './test-idp-control';
import { testIdp, testIdpIssuer } from './test-idp-settings';

// Sign-in through a real OpenID provider (oidc-provider on loopback, started by playwright.config.ts):
// the portal's SSO button, the IdP's own login form, the callback with state, nonce and PKCE checked,
// and what the IdP's groups claim makes of the user (issue 13).

/** Signs in through the SSO button in a fresh browser (no IdP session yet), and returns the page. */
async function ssoSignIn(browser: Browser, baseURL: string | undefined, login: string): Promise<Page> {
  const context = await browser.newContext({ baseURL });
  const page = await context.newPage();
  await page.goto('/');
  await expect(page).toHaveURL(/\/login/);
  await page.getByRole('button', { name: `Continue with ${testIdp.name}` }).click();
  // The IdP's development login form: any password.
  await expect(page).toHaveURL(new RegExp(`^${testIdpIssuer}/interaction/`));
  await page.getByPlaceholder('Enter any login').fill(login);
  await page.getByPlaceholder('and password').fill('any password');
  await page.getByRole('button', { name: 'Sign-in' }).click();
  return page;
}

test('the first SSO sign-in creates the user with their IdP groups; the next one mirrors changes, and a dropped group ends eligibility at once', async ({ as, browser, baseURL }) => {
  const tag = uniqueTag();
  const flagsGroup = `sso-flags-${tag}`;
  const otherGroup = `sso-other-${tag}`;
  const carol = await as('carol@example.com');
  await createPortalRole(carol, { slug: `sso-${tag}`, name: `SSO ${tag}`, description: 'Eligible through an IdP group', role: 'operator', maxMinutes: '30', eligibleGroups: flagsGroup });

  const login = `sasha-${tag}`;
  const email = `${login}@example.com`;
  await setIdpAccount({ id: login, email, name: `Sasha ${tag}`, groups: [flagsGroup, testIdp.auditorGroup] });
  const first = await ssoSignIn(browser, baseURL, login);
  await expect(first.getByRole('heading', { name: `Hello, Sasha ${tag}` })).toBeVisible();
  const groupsLine = first.getByText(/^Your groups:/);
  await expect(groupsLine).toContainText(flagsGroup);
  await expect(groupsLine).toContainText(testIdp.auditorGroup);
  // Eligible through the IdP group, auditor through TIMEBOX_AUDITOR_GROUPS.
  await expect(mainNavLinks(first)).toContainText(['Request access', 'Audit']);
  await first.goto('/requests/new');
  await expect(first.getByRole('listbox', { name: 'Resource' }).getByRole('option')).toHaveText([`SSO ${tag} (sso-${tag})`]);
  await carol.goto('/admin/users');
  await expect(carol.getByTestId(`user-${email}`)).toContainText('auditor');
  await expect(carol.getByTestId(`user-${email}`)).toContainText('oidc');

  // At the IdP, Sasha leaves both groups and joins another; the next sign-in mirrors it.
  await setIdpAccount({ id: login, email, name: `Sasha ${tag}`, groups: [otherGroup] });
  const second = await ssoSignIn(browser, baseURL, login);
  await expect(second.getByRole('heading', { name: `Hello, Sasha ${tag}` })).toBeVisible();
  await expect(second.getByText(/^Your groups:/)).toContainText(otherGroup);
  await expect(second.getByText(/^Your groups:/)).not.toContainText(flagsGroup);
  await expect(mainNavLinks(second).filter({ hasText: 'Request access' })).toHaveCount(0);
  await expect(mainNavLinks(second).filter({ hasText: 'Audit' })).toHaveCount(0);
  // The session of the first sign-in loses the role at its next request too: the form no longer offers it.
  await first.goto('/requests/new');
  await expect(first.getByText('There is nothing you are eligible to request yet.')).toBeVisible();
  await expect(first.getByRole('option', { name: `SSO ${tag} (sso-${tag})` })).toHaveCount(0);
  await carol.goto('/admin/users');
  await expect(carol.getByTestId(`user-${email}`)).toContainText('member');
  await Promise.all([first.context().close(), second.context().close()]);
});

test('a client secret the IdP no longer accepts ends on a readable sign-in error, not a stack trace', async ({ browser, baseURL }) => {
  const tag = uniqueTag();
  const login = `rotated-${tag}`;
  await setIdpAccount({ id: login, email: `${login}@example.com`, name: `Robin ${tag}`, groups: [] });
  await setIdpClientSecret(`rotated-at-the-idp-${tag}`);
  try {
    const page = await ssoSignIn(browser, baseURL, login);
    // The IdP refuses the portal's code exchange (invalid_client); the portal says so in a sentence.
    await expect(page).toHaveURL(/\/login\?.*\berror=OAuthCallback\b/);
    await expect(page.getByRole('main').getByRole('alert')).toContainText('The identity provider could not complete the sign-in');
    await expect(page.getByRole('heading', { name: 'Sign in to Timebox' })).toBeVisible();
    await expect(page.locator('body')).not.toContainText(/invalid_client|at .+\.js:\d+/);
    await page.context().close();
  } finally {
    await setIdpClientSecret(testIdp.clientSecret);
  }
});
