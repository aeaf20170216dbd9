import { expect, test } from './portal-test';
import { mainNavLinks, signIn } from './helpers';

const everyone = ['Request access', 'My requests', 'Grants'];
const roles = [
  { email: 'alice@example.com', name: 'Alice Adams', nav: everyone },
  { email: 'erin@example.com', name: 'Erin Evans', nav: everyone },
  { email: 'bob@example.com', name: 'Bob Brown', nav: [...everyone, 'Inbox', /^Reviews/] },
  { email: 'frank@example.com', name: 'Frank Fischer', nav: [...everyone, 'Inbox', /^Reviews/] },
  // Carol and Dave are in no group: no role is open to them, so no "Request access"; neither approves, so no Inbox.
  { email: 'carol@example.com', name: 'Carol Clark', nav: ['My requests', 'Grants', 'Audit', 'Admin'] },
  { email: 'dave@example.com', name: 'Dave Davis', nav: ['My requests', 'Grants', 'Audit'] },
];

for (const user of roles) {
  test(`${user.email} signs in, sees exactly their navigation, and signs out`, async ({ page }) => {
    await page.goto('/');
    await signIn(page, user.email);
    await expect(page.getByRole('heading', { name: `Hello, ${user.name}` })).toBeVisible();
    await expect(mainNavLinks(page)).toHaveText(user.nav);
    await expect(page.getByTestId('user-name')).toHaveText(user.name);

    await page.getByRole('button', { name: 'Sign out' }).click();
    await expect(page).toHaveURL(/\/login/);
    await page.goto('/grants');
    await expect(page).toHaveURL(/\/login\?callbackUrl=%2Fgrants/);
  });
}

test('a signed-out visitor is sent to /login and back to the page they wanted', async ({ page }) => {
  await page.goto('/grants?view=past');
  await expect(page).toHaveURL('/login?callbackUrl=%2Fgrants%3Fview%3Dpast');
  await signIn(page, 'alice@example.com');
  await expect(page).toHaveURL('/grants?view=past');
  await expect(page.getByRole('heading', { name: 'Grants', level: 1 })).toBeVisible();
});

test('an unknown e-mail is refused with a readable error', async ({ page }) => {
  await page.goto('/login');
  await page.getByLabel('Email').fill('mallory@example.com');
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page.getByRole('main').getByRole('alert')).toHaveText('No demo user has that e-mail address.');
  await expect(page).toHaveURL(/\/login/);
});

test('a section outside the role is refused even by direct URL', async ({ page }) => {
  await page.goto('/admin');
  await signIn(page, 'alice@example.com');
  await expect(page).toHaveURL('/admin');
  await expect(page.getByRole('main').getByRole('alert')).toContainText('Not allowed');
  await page.goto('/inbox');
  await expect(page.getByRole('main').getByRole('alert')).toContainText('Not allowed');
});
