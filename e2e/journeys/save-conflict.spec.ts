import { expect, type Page, test } from '@playwright/test';
import { ComponentsPage, rowAction } from '../pages/components.page.js';
import { EditorPage } from '../pages/editor.page.js';
import { signIn } from '../pages/sign-in.js';

test('two tabs edit the same component: the second save shows the conflict, then overwrites', async ({
  context,
  page,
}) => {
  await signIn(page);
  const first = await EditorPage.ofNew(page, `Shared map ${Date.now().toString(36)}`);
  const url = page.url();

  const other = new EditorPage(await context.newPage());
  await other.open(url);

  // Tab one saves a new description.
  await first.page.getByLabel('Description').fill('Edited in the first tab');
  await expect(first.status).toHaveText('Unsaved changes');
  await first.save();
  await expect(first.status).toHaveText('Saved · revision 2');

  // Tab two, still on revision 1, edits and saves: refused with what changed.
  await other.page.getByLabel('Description').fill('Edited in the second tab');
  await other.saveButton.click();
  await expect(other.conflict).toBeVisible();
  await expect(other.conflict.getByRole('table', { name: 'Their changes' })).toContainText(
    'Edited in the first tab',
  );
  await expect(other.conflict.getByRole('table', { name: 'Your unsaved changes' })).toContainText(
    'Edited in the second tab',
  );
  await other.page.screenshot({ path: test.info().outputPath('conflict.png') });
  // Neither way out is taken by a stray Enter: the focus starts on Cancel, and Escape cancels too.
  await expect(other.conflict.getByRole('button', { name: 'Cancel' })).toBeFocused();
  await other.page.keyboard.press('Escape');
  await expect(other.conflict).toBeHidden();
  await expect(other.status).toHaveText('Unsaved changes');
  await other.saveButton.click();

  await other.conflict.getByRole('button', { name: 'Overwrite with mine' }).click();
  await expect(other.conflict).toBeHidden();
  await expect(other.status).toHaveText('Saved · revision 3');

  // The first tab reloads and sees the overwrite; the history lists three revisions.
  await first.page.reload();
  await expect(first.page.getByLabel('Description')).toHaveValue('Edited in the second tab');
  await first.page.getByRole('button', { name: 'History' }).click();
  const revisions = first.page.getByRole('list', { name: 'Revisions' }).getByRole('listitem');
  await expect(revisions).toHaveCount(3);

  // Restoring revision 2 brings the first tab's description back as revision 4.
  await first.page.getByRole('button', { name: 'Restore revision 2' }).click();
  await expect(first.status).toHaveText('Saved · revision 4');
  await expect(first.page.getByLabel('Description')).toHaveValue('Edited in the first tab');
});

test('reload drops my change and takes theirs', async ({ context, page }) => {
  await signIn(page);
  const first = await EditorPage.ofNew(page, `Reloaded ${Date.now().toString(36)}`, 'operation');
  const other = new EditorPage(await context.newPage());
  await other.open(page.url());

  await first.page.getByLabel('Description').fill('Theirs');
  await first.save();
  await other.page.getByLabel('Description').fill('Mine');
  await other.saveButton.click();
  await other.conflict.getByRole('button', { name: 'Reload theirs (drop mine)' }).click();
  await expect(other.status).toHaveText('Saved · revision 2');
  await expect(other.page.getByLabel('Description')).toHaveValue('Theirs');
});

test('rename, move and delete from the explorer', async ({ page }) => {
  await signIn(page);
  const components = new ComponentsPage(page);
  const suffix = Date.now().toString(36);
  await components.open();
  await components.createFolder(`From ${suffix}`);
  await components.createFolder(`To ${suffix}`);
  await components.openNew(`Temp ${suffix}`, 'connection', `From ${suffix}`);
  await components.open();
  await components.folder(`From ${suffix}`).click();

  await rowAction(page, `Temp ${suffix}`, 'Rename');
  await page.getByLabel('New name').fill(`Renamed ${suffix}`);
  await page.getByRole('button', { name: 'Rename', exact: true }).click();
  await expect(components.component(`Renamed ${suffix}`)).toBeVisible();

  // The move is saved before the person looks into the other folder.
  const moved = page.waitForResponse(
    (r) => r.request().method() === 'PUT' && r.url().includes('/api/components/'),
  );
  await page.getByLabel(`Folder of Renamed ${suffix}`).selectOption({ label: `To ${suffix}` });
  expect((await moved).status()).toBe(200);
  await components.folder(`To ${suffix}`).click();
  await expect(components.component(`Renamed ${suffix}`)).toBeVisible();

  // Export as a bundle, then import it back: the existing component is kept.
  const download = page.waitForEvent('download');
  await rowAction(page, `Renamed ${suffix}`, 'Export');
  const file = await (await download).path();
  const importForm = page.getByRole('form', { name: 'Import' });
  await importForm.getByLabel('Import bundle…').setInputFiles(file);
  await expect(importForm.getByRole('status')).toContainText('1 kept');

  page.once('dialog', (d) => d.accept());
  await rowAction(page, `Renamed ${suffix}`, 'Delete');
  await expect(components.component(`Renamed ${suffix}`)).toHaveCount(0);
});

test('a link away from unsaved changes asks first; staying keeps them, leaving drops them', async ({
  page,
}) => {
  await signIn(page);
  const name = `Half done ${Date.now().toString(36)}`;
  const editor = await EditorPage.ofNew(page, name);
  await page.getByLabel('Description').fill('Not saved yet');
  const nav = page.getByRole('navigation', { name: 'Main' });
  const leave = page.getByRole('alertdialog', { name: 'Leave without saving?' });

  const executions = nav.getByRole('link', { name: 'Executions' });
  await executions.click();
  await expect(leave).toContainText(`Your changes to ${name} are not saved`);
  // A stray Enter stays; the page behind takes no keys (Tab stays in the dialog).
  await expect(leave.getByRole('button', { name: 'Stay' })).toBeFocused();
  await page.keyboard.press('Tab');
  await expect(leave.getByRole('button', { name: 'Leave without saving' })).toBeFocused();
  await page.keyboard.press('Shift+Tab');
  await page.keyboard.press('Enter');
  await expect(leave).toBeHidden();
  await expect(page.getByLabel('Description')).toHaveValue('Not saved yet');
  await expect(editor.status).toHaveText('Unsaved changes');
  // Escape stays too, and the focus goes back to the link that asked.
  await executions.click();
  await expect(leave).toBeVisible();
  await page.keyboard.press('Escape');
  await expect(leave).toBeHidden();
  await expect(executions).toBeFocused();

  // The browser's Back asks too.
  await page.goBack();
  await expect(leave).toBeVisible();
  await leave.getByRole('button', { name: 'Stay' }).click();
  await expect(page.getByLabel('Description')).toHaveValue('Not saved yet');

  await nav.getByRole('link', { name: 'Executions' }).click();
  await leave.getByRole('button', { name: 'Leave without saving' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Executions' })).toBeVisible();
  await page.goBack();
  await expect(editor.status).toHaveText('Saved · revision 1');
  await expect(page.getByLabel('Description')).toHaveValue('');

  // Saved, it leaves without asking.
  await page.getByLabel('Description').fill('Saved this time');
  await editor.save();
  await nav.getByRole('link', { name: 'Executions' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Executions' })).toBeVisible();
});

/** How many drafts this browser keeps that hold `text`. */
const draftsHolding = (page: Page, text: string) =>
  page.evaluate(
    (text) =>
      Object.keys(localStorage).filter(
        (k) => k.startsWith('flowline.draft.') && localStorage.getItem(k)?.includes(text),
      ).length,
    text,
  );

test('a tab closed with unsaved changes loses nothing: the editor offers them back', async ({
  context,
  page,
}) => {
  await signIn(page);
  const name = `Kept ${Date.now().toString(36)}`;
  await EditorPage.ofNew(page, name);
  const url = page.url();
  await page.getByLabel('Description').fill('Typed, then the tab closed');
  await expect.poll(() => draftsHolding(page, 'Typed, then the tab closed')).toBe(1);
  // Closed without a word (no beforeunload), as a crash would.
  await page.close();

  const again = new EditorPage(await context.newPage());
  await again.open(url);
  const offer = again.page.getByRole('region', { name: 'Unsaved changes kept in this browser' });
  await expect(offer).toContainText('Changes to this component were not saved when its page closed');
  await expect(again.page.getByLabel('Description')).toHaveValue('');
  await offer.getByRole('button', { name: 'Restore them' }).click();
  await expect(offer).toHaveCount(0);
  await expect(again.page.getByLabel('Description')).toHaveValue('Typed, then the tab closed');
  await expect(again.status).toHaveText('Unsaved changes');
  await again.save();
  // Saved, nothing is kept or offered any more.
  await again.page.reload();
  await expect(again.status).toHaveText('Saved · revision 2');
  await expect(offer).toHaveCount(0);
  expect(await draftsHolding(again.page, '')).toBe(0);

  // Discarded, it is not offered again.
  await again.page.getByLabel('Description').fill('Not wanted');
  await expect.poll(() => draftsHolding(again.page, 'Not wanted')).toBe(1);
  const third = new EditorPage(await context.newPage());
  await third.open(url);
  await third.page
    .getByRole('region', { name: 'Unsaved changes kept in this browser' })
    .getByRole('button', {
      name: 'Discard them',
    })
    .click();
  await third.page.reload();
  await expect(third.status).toHaveText('Saved · revision 2');
  await expect(third.page.getByRole('region', { name: 'Unsaved changes kept in this browser' })).toHaveCount(
    0,
  );

  // Left behind by a crash, then the component deleted: the draft goes with it (it can never be saved).
  await third.page.getByLabel('Description').fill('Left behind');
  await expect.poll(() => draftsHolding(third.page, 'Left behind')).toBe(1);
  await third.page.close();
  const list = await context.newPage();
  const components = new ComponentsPage(list);
  await components.open();
  const id = new URL(url).pathname.split('/').pop()!;
  const draftsOf = () =>
    list.evaluate((id) => Object.keys(localStorage).filter((k) => k.endsWith(`.${id}`)).length, id);
  expect(await draftsOf()).toBe(1);
  list.once('dialog', (d) => d.accept());
  await rowAction(list, name, 'Delete');
  await expect(components.component(name)).toHaveCount(0);
  expect(await draftsOf()).toBe(0);
});

test('a draft kept from an older revision is restored against it: saving shows what was saved since', async ({
  context,
  page,
}) => {
  await signIn(page);
  await EditorPage.ofNew(page, `Kept old ${Date.now().toString(36)}`);
  const url = page.url();
  await page.getByLabel('Description').fill('Mine, from revision 1');
  await expect
    .poll(() => page.evaluate(() => Object.keys(localStorage).some((k) => k.startsWith('flowline.draft.'))))
    .toBe(true);
  await page.close();

  // Someone saves revision 2 meanwhile (here: another tab, which drops the offer for itself).
  const other = new EditorPage(await context.newPage());
  await other.open(url);
  await other.page.getByRole('button', { name: 'Discard them' }).waitFor();
  await other.page.getByLabel('Name').fill(`Renamed ${Date.now().toString(36)}`);
  await other.save();
  await expect(other.status).toHaveText('Saved · revision 2');
  await other.page.close();

  const again = new EditorPage(await context.newPage());
  await again.open(url);
  const offer = again.page.getByRole('region', { name: 'Unsaved changes kept in this browser' });
  await expect(offer).toContainText('They started from revision 1; revision 2 was saved since');
  await offer.getByRole('button', { name: 'Restore them' }).click();
  await expect(again.page.getByLabel('Description')).toHaveValue('Mine, from revision 1');
  await again.saveButton.click();
  // Not saved over revision 2 unseen: the conflict shows their rename beside my description.
  await expect(again.conflict.getByRole('table', { name: 'Their changes' })).toContainText('Renamed');
  await expect(again.conflict.getByRole('table', { name: 'Your unsaved changes' })).toContainText(
    'Mine, from revision 1',
  );
  await again.conflict.getByRole('button', { name: 'Overwrite with mine' }).click();
  await expect(again.status).toHaveText('Saved · revision 3');
});
