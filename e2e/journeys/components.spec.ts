import { expect, test } from '@playwright/test';
import { ComponentsPage, rowAction } from '../pages/components.page.js';
import { admin, signIn } from '../pages/sign-in.js';

test.beforeEach(async ({ page }) => {
  await signIn(page);
});

test('a person creates a folder and a component, reloads, and finds both', async ({ page }) => {
  const components = new ComponentsPage(page);
  const suffix = Date.now().toString(36);
  await components.open();

  await components.createFolder(`Customers ${suffix}`);
  // Creating a component opens it.
  await components.openNew(`Copy customers ${suffix}`, 'process', `Customers ${suffix}`);

  await components.open();
  await page.reload();
  // The folder filter shows the component in its folder.
  await components.folder(`Customers ${suffix}`).click();
  const row = components.component(`Copy customers ${suffix}`);
  await expect(row).toContainText('process');
  await expect(row).toContainText(`Customers ${suffix}`);
  await expect(row.getByRole('cell').nth(5)).toHaveText(/just now|seconds? ago|minutes? ago/);

  // By name, or the last changed first.
  await components.openNew(`Zeta ${suffix}`, 'map', `Customers ${suffix}`);
  await components.open();
  await components.folder(`Customers ${suffix}`).click();
  const names = page.getByRole('table', { name: 'Components' }).getByRole('row').locator('td:nth-child(2)');
  await expect(names).toHaveText([`Copy customers ${suffix}`, `Zeta ${suffix}`]);
  await page.getByLabel('Sort by').selectOption('Last changed');
  await expect(names).toHaveText([`Zeta ${suffix}`, `Copy customers ${suffix}`]);

  // Searching narrows the list as one types; a search that finds nothing says so.
  const search = page.getByRole('searchbox', { name: 'Search' });
  await search.fill(`copy customers ${suffix}`);
  await expect(components.component(`Copy customers ${suffix}`)).toBeVisible();
  // The list lives in the address: back from a component, or reloaded, it is the same list.
  await page.getByRole('link', { name: `Copy customers ${suffix}`, exact: true }).click();
  await expect(page.getByRole('heading', { name: `process Copy customers ${suffix}` })).toBeVisible();
  await page.goBack();
  for (const again of [false, true]) {
    if (again) await page.reload();
    await expect(components.folder(`Customers ${suffix}`)).toHaveAttribute('aria-pressed', 'true');
    await expect(search).toHaveValue(`copy customers ${suffix}`);
    await expect(page.getByLabel('Sort by')).toHaveValue('changed');
    await expect(names).toHaveText([`Copy customers ${suffix}`]);
  }
  await search.fill(`nothing like it ${suffix}`);
  await expect(page.getByText('No component matches this search here.')).toBeVisible();
});

test('select several components, move them to another folder at once, then delete them', async ({ page }) => {
  const components = new ComponentsPage(page);
  const suffix = Date.now().toString(36);
  await components.open();
  await components.createFolder(`From ${suffix}`);
  await components.createFolder(`To ${suffix}`);
  for (const name of ['One', 'Two', 'Three']) {
    await components.openNew(`${name} ${suffix}`, 'process', `From ${suffix}`);
    await components.open();
  }
  await components.folder(`From ${suffix}`).click();
  await page.getByLabel(`Select One ${suffix}`).check();
  await page.getByLabel(`Select Two ${suffix}`).check();
  const bulk = page.getByRole('toolbar', { name: 'Selected components' });
  await expect(bulk).toContainText('2 selected');
  await bulk.getByLabel('Move to').selectOption({ label: `To ${suffix}` });
  await bulk.getByRole('button', { name: 'Move', exact: true }).click();
  await expect(bulk.getByRole('status')).toHaveText('Moved 2 components.');
  await expect(components.component(`One ${suffix}`)).toHaveCount(0);
  await expect(components.component(`Three ${suffix}`)).toBeVisible();

  // While the next folder's list loads, the last folder's rows are not shown as its own, nor selectable.
  let answer!: () => void;
  const held = new Promise<void>((resolve) => {
    answer = resolve;
  });
  await page.route('**/api/components?*', async (route) => {
    await held;
    await route.continue();
  });
  await components.folder(`To ${suffix}`).click();
  await expect(page.getByRole('status').filter({ hasText: 'Loading components…' })).toBeVisible();
  await expect(components.component(`Three ${suffix}`)).toHaveCount(0);
  await expect(page.getByLabel('Select all shown')).toHaveCount(0);
  answer();
  await expect(components.component(`One ${suffix}`)).toBeVisible();
  await page.unroute('**/api/components?*');
  await expect(components.component(`Three ${suffix}`)).toHaveCount(0);
  await page.getByLabel('Select all shown').check();
  page.once('dialog', (d) => d.accept());
  await bulk.getByRole('button', { name: 'Delete selected' }).click();
  await expect(bulk.getByRole('status')).toHaveText('Deleted 2 components.');
  await expect(page.getByText('No component here yet. Create one below.')).toBeVisible();
});

test('a refused name is explained next to the form', async ({ page }) => {
  const components = new ComponentsPage(page);
  await components.open();
  const name = `Vendors ${Date.now().toString(36)}`;
  await components.createFolder(name);
  const form = page.getByRole('form', { name: 'New folder' });
  await form.getByLabel('Folder name').fill(name);
  await form.getByRole('button', { name: 'Create folder' }).click();
  await expect(form.getByRole('alert')).toContainText('already exists');
});

test('rename a folder; a folder is deleted only once it is empty', async ({ page }) => {
  const components = new ComponentsPage(page);
  const suffix = Date.now().toString(36);
  await components.open();
  await components.createFolder(`Old ${suffix}`);
  await components.folder(`Old ${suffix}`).click();
  await page.getByRole('button', { name: `Rename folder Old ${suffix}` }).click();
  const rename = page.getByRole('form', { name: `Rename folder Old ${suffix}` });
  await rename.getByLabel('New folder name').fill(`New ${suffix}`);
  await rename.getByRole('button', { name: 'Rename' }).click();
  await expect(components.folder(`New ${suffix}`)).toBeVisible();
  await expect(components.folder(`Old ${suffix}`)).toHaveCount(0);

  // Holding a component, it is refused, saying why; nothing is lost.
  await components.openNew(`Kept ${suffix}`, 'map', `New ${suffix}`);
  await components.open();
  await components.folder(`New ${suffix}`).click();
  page.on('dialog', (d) => d.accept());
  await page.getByRole('button', { name: `Delete folder New ${suffix}` }).click();
  await expect(page.getByRole('alert')).toHaveText(
    `Folder "New ${suffix}" holds 1 component: move or delete them first.`,
  );
  await expect(components.component(`Kept ${suffix}`)).toBeVisible();

  // A row's actions are a menu, used by keyboard too: it opens on its first item, arrows move,
  // Escape closes it and gives the focus back.
  const actions = page.getByRole('button', { name: `Actions for Kept ${suffix}` });
  await actions.focus();
  await page.keyboard.press('ArrowDown');
  const menu = page.getByRole('menu', { name: `Actions for Kept ${suffix}` });
  await expect(menu.getByRole('menuitem')).toHaveText(['Rename', 'Duplicate', 'Export', 'Delete']);
  await expect(menu.getByRole('menuitem', { name: 'Rename' })).toBeFocused();
  await page.screenshot({ path: test.info().outputPath('row-menu.png') });
  await page.keyboard.press('ArrowUp');
  await expect(menu.getByRole('menuitem', { name: 'Delete' })).toBeFocused();
  await page.keyboard.press('Escape');
  await expect(menu).toHaveCount(0);
  await expect(actions).toBeFocused();
  await expect(actions).toHaveAttribute('aria-expanded', 'false');

  // Empty, it goes, and the page shows every component again.
  await rowAction(page, `Kept ${suffix}`, 'Delete');
  await expect(components.component(`Kept ${suffix}`)).toHaveCount(0);
  await page.getByRole('button', { name: `Delete folder New ${suffix}` }).click();
  await expect(components.folder(`New ${suffix}`)).toHaveCount(0);
  await expect(components.folder('All components')).toHaveAttribute('aria-pressed', 'true');
});

test('a wrong password is refused on the sign-in page', async ({ browser }) => {
  const page = await browser.newPage();
  await page.goto('/');
  const form = page.getByRole('form', { name: 'Sign in' });
  await form.getByLabel('Email').fill(admin.email);
  await form.getByLabel('Password').fill('not the password');
  await form.getByRole('button', { name: 'Sign in' }).click();
  await expect(form.getByRole('alert')).toContainText('The email or the password is wrong.');
  await page.close();
});

test('the navigation reaches every section, and signing out returns to the sign-in page', async ({
  page,
}) => {
  await page.goto('/');
  const nav = page.getByRole('navigation', { name: 'Main' });
  for (const section of ['Processes', 'Executions', 'Components']) {
    await nav.getByRole('link', { name: section }).click();
    await expect(page.getByRole('heading', { level: 1, name: section })).toBeVisible();
  }
  await page.getByRole('button', { name: 'Sign out' }).click();
  await expect(page.getByRole('form', { name: 'Sign in' })).toBeVisible();
});
