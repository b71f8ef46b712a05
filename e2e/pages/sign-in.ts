import { type BrowserContext, expect, type Page } from '@playwright/test';

// The administrator the journeys' server creates from FLOWLINE_ADMIN_EMAIL/PASSWORD (playwright.config.ts).
export const admin = { email: 'admin@flowline.test', password: 'e2e admin password' };

/** Signs in through the sign-in page, as a person does. */
export async function signIn(page: Page, who = admin) {
  await page.goto('/');
  const form = page.getByRole('form', { name: 'Sign in' });
  await form.getByLabel('Email').fill(who.email);
  await form.getByLabel('Password').fill(who.password);
  await form.getByRole('button', { name: 'Sign in' }).click();
  await expect(page.getByRole('navigation', { name: 'Main' })).toBeVisible();
}

/** Signs out in another tab of `context` (at `url`), which ends the session of every tab in it. */
export async function signOutInAnotherTab(context: BrowserContext, url = '/') {
  const other = await context.newPage();
  await other.goto(url);
  await other.getByRole('button', { name: 'Sign out' }).click();
  await expect(other.getByRole('form', { name: 'Sign in' })).toBeVisible();
  await other.close();
}
