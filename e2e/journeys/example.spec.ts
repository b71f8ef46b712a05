import { expect, test } from '@playwright/test';
import { ComponentsPage } from '../pages/components.page.js';
import { unnamedControls } from '../pages/controls.js';
import { sandbox } from '../pages/sandbox.js';
import { signIn } from '../pages/sign-in.js';

test('a first process in one click: the example on the local sandbox previews, runs, and runs again', async ({
  page,
  request,
}) => {
  test.setTimeout(120_000);
  await signIn(page);
  // usrt must not hold usmf's customers from another journey: the preview would say "update".
  expect((await request.post(`${sandbox.serviceUrl}/_sandbox/reset`)).ok()).toBe(true);
  const usrtCustomers = async () => {
    const res = await request.get(`${sandbox.serviceUrl}/_sandbox/count/CustomersV3?company=usrt`);
    return ((await res.json()) as { count: number }).count;
  };
  const before = await usrtCustomers();

  const components = new ComponentsPage(page);
  await components.open();
  const box = page.getByRole('region', { name: 'The local sandbox' });
  await expect(box.getByRole('button', { name: 'Create an example process' })).toHaveAccessibleDescription(
    /copies the first 25 customers of usmf into usrt/,
  );
  await box.getByRole('button', { name: 'Create an example process' }).click();
  // Its canvas opens, every shape configured.
  const heading = page.getByRole('heading', { name: /^process Copy customers usmf to usrt( \d+)?$/ });
  await expect(heading).toBeVisible({ timeout: 15_000 });
  const name = ((await heading.textContent()) ?? '').replace(/^process\s*/, '');
  await expect(page.getByText('5 shapes · 4 edges · 0 problems')).toBeVisible();
  expect(await unnamedControls(page)).toEqual([]);
  // Fitted to the canvas, no shape lies under the minimap, where it could not be clicked.
  const minimap = (await page.getByLabel('Minimap').boundingBox())!;
  const shapes = page.getByRole('group', { name: /^Shape / });
  await expect(shapes).toHaveCount(5);
  for (const shape of await shapes.all()) {
    const b = (await shape.boundingBox())!;
    const apart =
      b.x + b.width <= minimap.x ||
      minimap.x + minimap.width <= b.x ||
      b.y + b.height <= minimap.y ||
      minimap.y + minimap.height <= b.y;
    expect(apart, `${await shape.getAttribute('aria-label')} clear of the minimap`).toBe(true);
  }

  const status = page.getByLabel('Run status');
  await page.getByRole('button', { name: 'Preview', exact: true }).click();
  await expect(status).toContainText('preview succeeded', { timeout: 90_000 });
  await expect(page.getByLabel(/^What Upsert usrt customer( \d+)? would do$/)).toHaveText('would: 25 create');
  expect(await usrtCustomers()).toBe(before);

  const previewed = await status.getByRole('link', { name: 'Open execution' }).getAttribute('href');
  // A full run asks first: its writes are real.
  page.once('dialog', (d) => {
    expect(d.message()).toBe(
      'Run this process in full? It takes every document its start reads, and its writes are real.',
    );
    return d.accept();
  });
  await page.getByRole('button', { name: 'Run full', exact: true }).click();
  await expect(status.getByRole('link', { name: 'Open execution' })).not.toHaveAttribute('href', previewed!);
  await expect(status).toHaveText('succeeded Open execution', { timeout: 90_000 });
  await expect(page.getByLabel(/^Counts of Upsert usrt customer( \d+)?$/)).toContainText('out 25');
  expect(await usrtCustomers()).toBe(before + 25);
  await page.screenshot({ path: test.info().outputPath('example.png'), fullPage: true });

  // An upsert: run in full again, from the Processes page this time, the same 25 are updated.
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Processes' }).click();
  await page.getByRole('searchbox', { name: 'Search' }).fill(name);
  // Each example has a folder of its own, which the list names and links to.
  const folder = page.getByRole('link', {
    name: new RegExp(`^Folder of ${name}: Example: copy customers( \\d+)?$`),
  });
  await expect(folder).toBeVisible();
  expect(await unnamedControls(page)).toEqual([]);
  const folderName = ((await folder.textContent()) ?? '').trim();
  // The list narrows to a folder: this example's holds its one process, the top level none of it.
  await page.getByRole('searchbox', { name: 'Search' }).fill('');
  const folderFilter = page.getByRole('combobox', { name: 'Folder', exact: true });
  await folderFilter.selectOption({ label: folderName });
  await expect(page).toHaveURL(/[?&]folder=/);
  await expect(page.getByRole('table', { name: 'Processes' }).getByRole('row')).toHaveCount(2);
  await expect(page.getByRole('combobox', { name: 'In folder' })).toHaveValue(/.+/);
  await page.getByRole('searchbox', { name: 'Search' }).fill(name);
  await folderFilter.selectOption({ label: '(top level)' });
  await expect(page.getByText(`No process named like “${name}” at the top level.`)).toBeVisible();
  await folderFilter.selectOption({ label: 'any' });
  const runFull = page.getByRole('button', { name: `Run full ${name}`, exact: true });
  const asked: string[] = [];
  page.once('dialog', (d) => {
    asked.push(d.message());
    return d.dismiss();
  });
  await runFull.click();
  expect(asked).toEqual([
    `Run "${name}" in full? It takes every document its start reads, and its writes are real.`,
  ]);
  page.once('dialog', (d) => d.accept());
  await runFull.click();
  await expect(page.getByRole('heading', { name: `Execution of ${name}` })).toBeVisible();
  await expect(page.getByText(/^full run · revision 1/)).toBeVisible();
  await expect(page.locator('.status-badge').first()).toHaveText('succeeded', { timeout: 60_000 });
  expect(await usrtCustomers()).toBe(before + 25);
  // A full run keeps a sample of each shape's documents, and says so where they are listed.
  await expect(page.getByRole('list', { name: 'Documents' }).getByRole('listitem')).toHaveCount(10);
  expect(await unnamedControls(page)).toEqual([]);
  await expect(page.getByRole('note')).toHaveText(
    'The first 10 of 25 documents are kept: a full run keeps the first 10 of each shape, and every failed one. A test run or a preview keeps them all.',
  );

  // Its pieces are in a folder of their own, a click away from the Processes page, each one to open and change.
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Processes' }).click();
  await page.getByRole('searchbox', { name: 'Search' }).fill(name);
  await folder.click();
  await expect(
    page.getByRole('list', { name: 'Folders' }).getByRole('button', { name: folderName, exact: true }),
  ).toHaveAttribute('aria-pressed', 'true');
  const rows = page.getByRole('table', { name: 'Components' }).getByRole('row');
  await expect(rows).toHaveCount(6);
  await expect(page.getByRole('link', { name: /^Upsert usrt customer( \d+)?$/ })).toBeVisible();
  expect(await unnamedControls(page)).toEqual([]);
  // Its map checks clean, its trimmed name in words.
  await page.getByRole('link', { name: /^usmf to usrt customers( \d+)?$/ }).click();
  await expect(page.getByLabel('Map check')).toHaveText('0 errors · 0 warnings');
  await expect(page.getByText('OrganizationName ← trim(OrganizationName)')).toBeVisible();
  // The target tree says what each field takes: a constant's value, a function's call.
  const targets = page.getByRole('tree', { name: 'Target fields' });
  await expect(targets.getByRole('treeitem', { name: 'dataAreaId', exact: true })).toContainText('← "usrt"');
  // In the narrow tree, the field's name stays whole; what it takes gives way.
  const account = targets.getByRole('treeitem', { name: 'CustomerAccount', exact: true });
  await expect(account).toContainText('← CustomerAccount');
  expect(await account.locator('.field-name').evaluate((e) => e.scrollWidth <= e.clientWidth)).toBe(true);
  // Read as it is, with no function between: the two fields share the surface, neither cut short.
  await account.click();
  const read = page
    .getByRole('list', { name: 'Source fields read by CustomerAccount' })
    .getByRole('listitem');
  await expect(read).toHaveText('CustomerAccount');
  expect(await read.evaluate((e) => e.scrollWidth <= e.clientWidth)).toBe(true);
  // (Among 310 fields, the tree draws those in view: found by a search.)
  await page.getByLabel('Search target fields').fill('OrganizationName');
  await expect(targets.getByRole('treeitem', { name: 'OrganizationName', exact: true })).toContainText(
    '← trim(OrganizationName)',
  );
  expect(await unnamedControls(page)).toEqual([]);
  // Every control of its connection's and its operations' editors has a name, as the map's does.
  for (const piece of [
    /^Local D365 sandbox( \d+)?$/,
    /^usmf customers( \d+)?$/,
    /^Upsert usrt customer( \d+)?$/,
  ]) {
    await page.goBack();
    await page.getByRole('table', { name: 'Components' }).getByRole('link', { name: piece }).click();
    await expect(page.getByRole('button', { name: 'History' })).toBeVisible();
    await expect(page.getByText(/^Saved · revision \d+$/)).toBeVisible();
    // Their entity sets, fields and profiles are read from the sandbox after the editor shows.
    await page.waitForLoadState('networkidle');
    expect(await unnamedControls(page), `${piece}`).toEqual([]);
  }

  // The audit log names each run's execution, a click away.
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Users' }).click();
  await page.getByRole('region', { name: 'Recent activity' }).getByLabel('Action').selectOption('ran');
  const ran = page.getByRole('table', { name: 'Audit log' }).getByRole('row').nth(1);
  await expect(ran).toContainText('mode: full');
  await ran.getByRole('link', { name: /^execution [0-9a-f]{8}$/ }).click();
  await expect(page.getByRole('heading', { name: /^Execution of / })).toBeVisible();
  await expect(page.getByText(/^full run · revision 1/)).toBeVisible();
});
