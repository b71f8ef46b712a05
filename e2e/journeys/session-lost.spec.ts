import { expect, test } from '@playwright/test';
import { EditorPage } from '../pages/editor.page.js';
import { admin, signIn, signOutInAnotherTab } from '../pages/sign-in.js';

test('the session ends while a change is unsaved: signing in again over the page keeps it', async ({
  context,
  page,
}) => {
  await signIn(page);
  const editor = await EditorPage.ofNew(page, `Long edit ${Date.now().toString(36)}`);
  await page.getByLabel('Description').fill('Typed before the session ended');

  // Signing out in another tab ends this tab's session too.
  await signOutInAnotherTab(context);

  await editor.saveButton.click();
  const dialog = page.getByRole('dialog', { name: 'Sign in again' });
  await expect(dialog).toBeVisible();
  await expect(dialog).toContainText('Your session has ended');
  await expect(dialog.getByLabel('Email')).toHaveValue(admin.email);
  await expect(dialog.getByLabel('Password')).toBeFocused();
  await page.screenshot({ path: test.info().outputPath('sign-in-again.png') });

  // Put off (Not now, or Escape), it asks again at the next attempt to save.
  await dialog.getByRole('button', { name: 'Not now' }).click();
  await expect(dialog).toBeHidden();
  // The focus goes back to Save (disabled while it tried, it had dropped the focus to the page).
  await expect(editor.saveButton).toBeFocused();
  await expect(page.getByLabel('Description')).toHaveValue('Typed before the session ended');
  await editor.saveButton.click();
  await expect(dialog).toBeVisible();
  await page.keyboard.press('Escape');
  await expect(dialog).toBeHidden();
  await expect(editor.saveButton).toBeFocused();
  await editor.saveButton.click();
  await expect(dialog).toBeVisible();

  await dialog.getByLabel('Password').fill('not the password');
  await dialog.getByRole('button', { name: 'Sign in' }).click();
  await expect(dialog.getByRole('alert')).toContainText('The email or the password is wrong.');
  await dialog.getByLabel('Password').fill(admin.password);
  await dialog.getByRole('button', { name: 'Sign in' }).click();
  await expect(dialog).toBeHidden();

  // Nothing was lost: the change is still there, unsaved, and saves now.
  await expect(page.getByLabel('Description')).toHaveValue('Typed before the session ended');
  await expect(editor.status).toHaveText('Unsaved changes');
  await editor.save();
  await expect(editor.status).toHaveText('Saved · revision 2');
  await page.reload();
  await expect(page.getByLabel('Description')).toHaveValue('Typed before the session ended');
});
