import { expect, type Page } from '@playwright/test';

export async function signIn(page: Page, email: string) {
  await expect(page).toHaveURL(/\/login/);
  await page.getByLabel('Email').fill(email);
  await page.getByRole('button', { name: 'Sign in' }).click();
}

export const mainNavLinks = (page: Page) => page.getByRole('navigation', { name: 'Main' }).getByRole('link');
