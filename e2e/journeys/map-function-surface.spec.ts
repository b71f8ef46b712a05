import { expect, type Locator, test } from '@playwright/test';
import { ComponentsPage } from '../pages/components.page.js';
import { createSandboxConnection } from '../pages/connection.page.js';
import { EditorPage } from '../pages/editor.page.js';
import { OperationBuilderPage } from '../pages/operation.page.js';
import { signIn } from '../pages/sign-in.js';

const position = (box: Locator) =>
  box.evaluate((el) => ({
    x: Number.parseInt((el as HTMLElement).style.left, 10),
    y: Number.parseInt((el as HTMLElement).style.top, 10),
  }));

test('function boxes sit on a surface between the trees, wired by lines, and move and go by keyboard', async ({
  page,
}) => {
  test.setTimeout(90_000);
  await signIn(page);
  const suffix = Date.now().toString(36);
  const folder = `Surface ${suffix}`;
  await createSandboxConnection(page, `Sandbox ${suffix}`, folder);
  const builder = new OperationBuilderPage(page);
  await builder.build(`Read customers ${suffix}`, folder, {
    connection: `Sandbox ${suffix}`,
    action: 'query',
    entitySet: 'CustomersV3',
  });
  await builder.build(`Write customers ${suffix}`, folder, {
    connection: `Sandbox ${suffix}`,
    action: 'create',
    entitySet: 'CustomersV3',
  });
  const components = new ComponentsPage(page);
  await components.openNewMap(
    `Surface map ${suffix}`,
    folder,
    `Read customers ${suffix}`,
    `Write customers ${suffix}`,
  );

  // Link the target to a source (target first, then source), then add two boxes.
  await page.getByLabel('Search target fields').fill('OrganizationName');
  await page
    .getByRole('tree', { name: 'Target fields' })
    .getByRole('treeitem', { name: 'OrganizationName', exact: true })
    .click();
  const surface = page.getByRole('region', { name: 'Function surface' });
  await expect(surface).toContainText('OrganizationName has no rule yet');
  await page.getByLabel('Search source fields').fill('OrganizationName');
  await page
    .getByRole('tree', { name: 'Source fields' })
    .getByRole('treeitem', { name: 'OrganizationName', exact: true })
    .click();
  await page.getByLabel('Add function').selectOption('trim');
  await page.getByLabel('Add function').selectOption('upper');

  const boxes = surface.getByRole('list', { name: 'Function boxes' }).getByRole('listitem');
  await expect(boxes).toHaveCount(2);
  const read = surface.getByRole('list', { name: 'Source fields read by OrganizationName' });
  await expect(read).toHaveText('OrganizationName');
  // A pill cuts a long name: it is whole on hover.
  await expect(read.getByRole('listitem')).toHaveAttribute('title', 'OrganizationName');
  // Typed inputs and output on each box; lines from the field into trim, trim into upper, upper to the target.
  const trim = boxes.filter({ has: page.getByRole('button', { name: 'Box f1: trim' }) });
  await expect(trim.getByRole('group', { name: 'f1 input 1: text' })).toContainText('text (string)');
  await expect(trim).toContainText('output (string)');
  const lines = surface.locator('[data-line]');
  await expect(lines).toHaveCount(3);
  for (const key of ['src:current:OrganizationName>in:f1:0', 'out:f1>in:f2:0', 'out:f2>target'])
    await expect(surface.locator(`[data-line="${key}"]`)).toHaveAttribute('d', /^M[\d.]+,[\d.]+ C/);

  // Every control on the surface has an accessible name.
  for (const control of await surface.locator('button, input, select').all())
    await expect(control).toHaveAccessibleName(/\S/);

  // Keyboard: select trim by its title, move it with the arrow keys; its line follows.
  const line = surface.locator('[data-line="out:f1>in:f2:0"]');
  const lineBefore = await line.getAttribute('d');
  const before = await position(trim);
  const handle = surface.getByRole('button', { name: 'Box f1: trim' });
  await handle.focus();
  await page.keyboard.press('Enter');
  await expect(handle).toHaveAttribute('aria-pressed', 'true');
  for (const key of ['ArrowRight', 'ArrowRight', 'ArrowRight', 'ArrowDown', 'ArrowDown'])
    await page.keyboard.press(key);
  await expect.poll(() => position(trim)).toEqual({ x: before.x + 30, y: before.y + 20 });
  await expect(line).not.toHaveAttribute('d', lineBefore ?? '');

  // Pointer: drag upper by its title.
  const upper = boxes.filter({ has: page.getByRole('button', { name: 'Box f2: upper' }) });
  const upperBefore = await position(upper);
  const grip = await surface.getByRole('button', { name: 'Box f2: upper' }).boundingBox();
  await page.mouse.move(grip!.x + 20, grip!.y + 8);
  await page.mouse.down();
  await page.mouse.move(grip!.x + 60, grip!.y + 48, { steps: 5 });
  await page.mouse.up();
  await expect.poll(() => position(upper)).toEqual({ x: upperBefore.x + 40, y: upperBefore.y + 40 });

  // Saved with the map: after a reload the boxes are where they were put.
  const editor = new EditorPage(page);
  await editor.save();
  await page.reload();
  await page.getByLabel('Search target fields').fill('OrganizationName');
  await page
    .getByRole('tree', { name: 'Target fields' })
    .getByRole('treeitem', { name: 'OrganizationName', exact: true })
    .click();
  await expect.poll(() => position(trim)).toEqual({ x: before.x + 30, y: before.y + 20 });

  // Delete trim by keyboard: upper now reads the field, and the map still runs.
  await surface.getByRole('button', { name: 'Box f1: trim' }).focus();
  await page.keyboard.press('Delete');
  await expect(boxes).toHaveCount(1);
  await expect(lines).toHaveCount(2);
  await expect(page.getByRole('list', { name: 'Map in words' })).toContainText(
    'OrganizationName ← upper(OrganizationName)',
  );

  // A new box takes the output; the older one can be made the output again.
  await page.getByLabel('Add function').selectOption('lower');
  await expect(surface.getByRole('button', { name: 'Box f3: lower' })).toBeVisible();
  await surface.getByRole('button', { name: 'Write f2 to OrganizationName' }).click();
  await expect(surface.locator('[data-line="out:f2>target"]')).toHaveCount(1);

  // A source field dropped from the tree onto an input feeds it.
  await page.getByLabel('Search source fields').fill('CustomerAccount');
  await page
    .getByRole('tree', { name: 'Source fields' })
    .getByRole('treeitem', { name: 'CustomerAccount', exact: true })
    .dragTo(surface.getByRole('group', { name: 'f2 input 1: text' }));
  await expect(surface.getByLabel('f2 text: source field')).toHaveValue('CustomerAccount');
  await expect(surface.locator('[data-line="src:current:CustomerAccount>in:f2:0"]')).toHaveCount(1);
  await page
    .getByLabel('Sample source document (JSON)')
    .fill(JSON.stringify({ OrganizationName: 'acme corp', CustomerAccount: 'us-001' }));
  await page.getByRole('button', { name: 'Run test' }).click();
  await expect(page.getByTestId('map-output')).toContainText('"OrganizationName": "US-001"');
  await page.screenshot({ path: test.info().outputPath('map-function-surface.png'), fullPage: true });
});
