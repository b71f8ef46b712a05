import { expect, type Page, test } from '@playwright/test';
import { apiCall } from '../pages/api.js';
import { unnamedControls } from '../pages/controls.js';
import { admin, signIn } from '../pages/sign-in.js';

const usersTable = (page: Page) => page.getByRole('table', { name: 'Users' });
const rowOf = (page: Page, email: string) => usersTable(page).getByRole('row').filter({ hasText: email });

/** Signs in on the sign-in page and answers what it shows next: the main navigation or the refusal. */
async function trySignIn(page: Page, email: string, password: string) {
  const form = page.getByRole('form', { name: 'Sign in' });
  await form.getByLabel('Email').fill(email);
  await form.getByLabel('Password').fill(password);
  await form.getByRole('button', { name: 'Sign in' }).click();
}

test('an administrator adds a person, changes their role, disables them and sets a new password', async ({
  page,
  browser,
}) => {
  await signIn(page);
  const email = `grace.${Date.now().toString(36)}@flowline.test`;
  // A component for the person to see once they are a viewer.
  const seen = `Seen by a viewer ${Date.now().toString(36)}`;
  await apiCall(page, 'POST', '/api/components', { type: 'connection', name: seen });
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Users' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Users' })).toBeVisible();

  // Their own account cannot be demoted or disabled here by a slip.
  const me = rowOf(page, admin.email);
  await expect(me.getByRole('combobox', { name: `Role of ${admin.email}` })).toBeDisabled();
  await expect(me.getByRole('button', { name: `Disable ${admin.email}` })).toBeDisabled();

  const form = page.getByRole('form', { name: 'New user' });
  await form.getByLabel('Email').fill(email);
  await form.getByLabel('Name').fill('Grace Hopper');
  await form.getByLabel('Role').selectOption('designer');
  await form.getByLabel('Password').fill('first password 1');
  await form.getByRole('button', { name: 'Create user' }).click();
  await expect(form.getByRole('status')).toContainText(`${email} can sign in now, as designer`);
  await expect(rowOf(page, email)).toContainText('active');
  expect(await unnamedControls(page)).toEqual([]);

  // The same address again is refused, next to the form.
  await form.getByLabel('Email').fill(email.toUpperCase());
  await form.getByLabel('Name').fill('Grace again');
  await form.getByLabel('Password').fill('first password 1');
  await form.getByRole('button', { name: 'Create user' }).click();
  await expect(form.getByRole('alert')).toContainText(`${email} already has an account`);

  // The new person signs in elsewhere: a designer sees no Users section.
  const theirs = await browser.newPage();
  await theirs.goto('/');
  await trySignIn(theirs, email, 'first password 1');
  const theirNav = theirs.getByRole('navigation', { name: 'Main' });
  await expect(theirNav.getByRole('link', { name: 'Components' })).toBeVisible();
  await expect(theirNav.getByRole('link', { name: 'Users' })).toHaveCount(0);
  await theirs.goto('/users');
  await expect(theirs.getByRole('alert')).toHaveText('Only administrators manage users.');

  // A new role ends their session: their next page load asks them to sign in again.
  const row = rowOf(page, email);
  await row.getByRole('combobox', { name: `Role of ${email}` }).selectOption('viewer');
  await expect(row.getByRole('status')).toHaveText('Now viewer.');
  await theirs.goto('/components');
  await expect(theirs.getByRole('form', { name: 'Sign in' })).toBeVisible();

  // Disabled, they cannot sign in at all.
  await row.getByRole('button', { name: `Disable ${email}` }).click();
  await expect(row).toContainText('disabled');
  await trySignIn(theirs, email, 'first password 1');
  await expect(theirs.getByRole('form', { name: 'Sign in' }).getByRole('alert')).toBeVisible();

  // Enabled again with a new password: the old one no longer works, the new one does, as a viewer.
  await row.getByRole('button', { name: `Enable ${email}` }).click();
  await expect(row).toContainText('active');
  await row.getByRole('button', { name: `Set a password for ${email}` }).click();
  const password = row.getByRole('form', { name: `New password for ${email}` });
  await password.getByLabel('New password').fill('second password 2');
  await password.getByRole('button', { name: 'Save password' }).click();
  await expect(row.getByRole('status')).toContainText('Password set');
  await trySignIn(theirs, email, 'first password 1');
  await expect(theirs.getByRole('form', { name: 'Sign in' }).getByRole('alert')).toBeVisible();
  await trySignIn(theirs, email, 'second password 2');
  await expect(theirs.getByRole('navigation', { name: 'Main' })).toBeVisible();
  await expect(theirs.getByRole('banner')).toContainText('Grace Hopper · viewer');
  // A viewer is offered nothing on the Components page that they may not do: they open and export.
  await theirs.goto(`/components?q=${encodeURIComponent(seen)}`);
  await expect(theirs.getByRole('link', { name: seen })).toBeVisible();
  const seenRow = theirs
    .getByRole('table', { name: 'Components' })
    .getByRole('row', { name: new RegExp(seen) });
  await expect(seenRow).toContainText('—');
  await expect(theirs.getByRole('combobox', { name: `Folder of ${seen}` })).toHaveCount(0);
  await expect(theirs.getByRole('checkbox')).toHaveCount(0);
  for (const name of ['Create component', 'Create folder', 'Connect to the local sandbox', 'Import bundle…'])
    await expect(theirs.getByRole('button', { name })).toHaveCount(0);
  await theirs.getByRole('button', { name: `Actions for ${seen}` }).click();
  await expect(theirs.getByRole('menuitem')).toHaveText(['Export']);
  await theirs.close();

  // Every step is in the audit log, newest first.
  await page.reload();
  const audit = page.getByRole('table', { name: 'Audit log' });
  await expect(audit.getByRole('row').nth(1)).toContainText(`sign-in`);
  await expect(audit).toContainText('user created');
  await expect(audit.getByRole('row').filter({ hasText: 'user changed' }).first()).toContainText(email);
  // One action at a time: only the changes to people.
  await page
    .getByRole('region', { name: 'Recent activity' })
    .getByLabel('Action')
    .selectOption('user changed');
  await expect(audit.getByRole('row').filter({ hasText: 'sign-in' })).toHaveCount(0);
  await expect(audit.getByRole('row').nth(1)).toContainText(`user changed`);
  await expect(audit.getByRole('row').nth(1)).toContainText(`email: ${email} · fields: password`);
});
