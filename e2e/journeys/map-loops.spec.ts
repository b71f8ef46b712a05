import { expect, type Page, test } from '@playwright/test';
import { ComponentsPage } from '../pages/components.page.js';
import { createSandboxConnection } from '../pages/connection.page.js';
import { EditorPage } from '../pages/editor.page.js';
import { OperationBuilderPage } from '../pages/operation.page.js';
import { signIn } from '../pages/sign-in.js';

/** Runs the map's test and waits until its output's `SalesOrderLines` are `lines`. */
async function expectOutputLines(page: Page, lines: Record<string, string>[]): Promise<void> {
  await page.getByRole('button', { name: 'Run test' }).click();
  await expect
    .poll(
      async () => JSON.parse((await page.getByTestId('map-output').textContent()) ?? '{}').SalesOrderLines,
    )
    .toEqual(lines);
}

test('a loop rule writes one target line per sales order line, reading the line, its order and the document', async ({
  page,
}) => {
  test.setTimeout(90_000);
  await signIn(page);
  const suffix = Date.now().toString(36);
  const folder = `Loops ${suffix}`;
  await createSandboxConnection(page, `Sandbox ${suffix}`, folder);
  const builder = new OperationBuilderPage(page);
  await builder.build(`Read orders ${suffix}`, folder, {
    connection: `Sandbox ${suffix}`,
    action: 'query',
    entitySet: 'SalesOrderHeadersV2',
  });
  await builder.build(`Write orders ${suffix}`, folder, {
    connection: `Sandbox ${suffix}`,
    action: 'create',
    entitySet: 'SalesOrderHeadersV2',
  });
  const components = new ComponentsPage(page);
  await components.openNewMap(
    `Order lines ${suffix}`,
    folder,
    `Read orders ${suffix}`,
    `Write orders ${suffix}`,
  );
  await expect(page.getByRole('tree', { name: 'Target fields' })).toBeVisible();

  const loops = page.getByRole('region', { name: 'Loop rules' });
  await expect(loops).toContainText('No loop rule yet');
  // The lines collection in the target tree is written by a loop rule, not by a field rule.
  await page.getByLabel('Search target fields').fill('SalesOrderLines');
  await page
    .getByRole('tree', { name: 'Target fields' })
    .getByRole('treeitem', { name: 'SalesOrderLines', exact: true })
    .click();
  const hint = page.getByRole('region', { name: 'SalesOrderLines', exact: true });
  await expect(hint).toContainText('SalesOrderLines is a collection');
  await hint.getByRole('button', { name: 'Add a loop rule for SalesOrderLines' }).click();
  await expect(hint).toContainText('Loop 1 writes it');
  await expect(loops.getByLabel('Loop 1 source collection')).toHaveValue('SalesOrderLines[]');
  await expect(loops.getByLabel('Loop 1 target collection')).toHaveValue('SalesOrderLines[]');

  // Rule 1: the line's item number, from the line itself; a wrong field is flagged at the rule.
  await loops.getByRole('button', { name: 'Add rule to loop 1' }).click();
  await loops.getByLabel('Loop 1 rule 1 target').selectOption('ItemNumber');
  await loops.getByLabel('Loop 1 rule 1: source field').fill('ItemNumbr');
  await expect(loops.getByRole('list', { name: 'Issues of loop 1 rule 1' })).toContainText(
    "source 'SalesOrderLines[].ItemNumbr' is not in the source profile",
  );
  await loops.getByLabel('Loop 1 rule 1: source field').fill('ItemNumber');
  await expect(loops.getByRole('list', { name: 'Issues of loop 1 rule 1' })).toHaveCount(0);

  // Rule 2: the legal entity, from the document; rule 3: the order number, from the parent order.
  await loops.getByRole('button', { name: 'Add rule to loop 1' }).click();
  await loops.getByLabel('Loop 1 rule 2 target').selectOption('dataAreaId');
  await loops.getByLabel('Loop 1 rule 2: read from').selectOption('root');
  await loops.getByLabel('Loop 1 rule 2: source field').fill('dataAreaId');
  await loops.getByRole('button', { name: 'Add rule to loop 1' }).click();
  await loops.getByLabel('Loop 1 rule 3 target').selectOption('SalesOrderNumber');
  await loops.getByLabel('Loop 1 rule 3: read from').selectOption('parent');
  await loops.getByLabel('Loop 1 rule 3: source field').fill('SalesOrderNumber');
  for (const control of await loops.locator('button, input, select').all())
    await expect(control).toHaveAccessibleName(/\S/);
  await expect(page.getByRole('list', { name: 'Map in words' })).toContainText(
    'For each SalesOrderLines[] write one SalesOrderLines[]: ItemNumber ← ItemNumber; dataAreaId ← root dataAreaId; SalesOrderNumber ← parent SalesOrderNumber.',
  );

  await page.getByLabel('Sample source document (JSON)').fill(
    JSON.stringify({
      dataAreaId: 'usmf',
      SalesOrderNumber: 'SO-LOOP-1',
      SalesOrderLines: [{ ItemNumber: 'A0001' }, { ItemNumber: 'A0002' }],
    }),
  );
  await page.getByRole('button', { name: 'Run test' }).click();
  const output = JSON.parse((await page.getByTestId('map-output').textContent()) ?? '{}');
  expect(output.SalesOrderLines).toEqual([
    { ItemNumber: 'A0001', dataAreaId: 'usmf', SalesOrderNumber: 'SO-LOOP-1' },
    { ItemNumber: 'A0002', dataAreaId: 'usmf', SalesOrderNumber: 'SO-LOOP-1' },
  ]);
  await expect(page.getByRole('table', { name: 'Trace' })).toContainText('SalesOrderLines[1].ItemNumber');

  // A condition skips the lines without an item number.
  await loops.getByLabel('Loop 1: only elements where a value is set').check();
  await loops.getByLabel('Loop 1 condition: source field').fill('ItemNumber');
  await expect(page.getByRole('list', { name: 'Map in words' })).toContainText(
    'For each SalesOrderLines[] where ItemNumber is set write one SalesOrderLines[]:',
  );
  await page.getByLabel('Sample source document (JSON)').fill(
    JSON.stringify({
      dataAreaId: 'usmf',
      SalesOrderNumber: 'SO-LOOP-2',
      SalesOrderLines: [{ ItemNumber: 'A0001' }, { LineDescription: 'no item' }, { ItemNumber: 'A0003' }],
    }),
  );
  await expectOutputLines(page, [
    { ItemNumber: 'A0001', dataAreaId: 'usmf', SalesOrderNumber: 'SO-LOOP-2' },
    { ItemNumber: 'A0003', dataAreaId: 'usmf', SalesOrderNumber: 'SO-LOOP-2' },
  ]);

  // A function box inside a loop rule: rule 1 writes the item number in lower case.
  await loops.getByLabel('Function for loop 1 rule 1').selectOption('lower');
  const boxes = loops.getByRole('region', { name: 'Function boxes of loop 1 rule 1' });
  await expect(boxes.getByLabel(/^Box r\d+f1: lower$/)).toBeVisible();
  await expect(
    boxes.getByRole('list', { name: 'Source fields read by SalesOrderLines[].ItemNumber' }),
  ).toContainText('ItemNumber');
  for (const control of await boxes.locator('button, input, select').all())
    await expect(control).toHaveAccessibleName(/\S/);
  await expectOutputLines(page, [
    { ItemNumber: 'a0001', dataAreaId: 'usmf', SalesOrderNumber: 'SO-LOOP-2' },
    { ItemNumber: 'a0003', dataAreaId: 'usmf', SalesOrderNumber: 'SO-LOOP-2' },
  ]);

  // Saved with the map; after a reload the loop is there to edit, and its rules and itself can go.
  const editor = new EditorPage(page);
  await editor.save();
  await page.reload();
  await expect(loops.getByLabel('Loop 1 rule 3 target')).toHaveValue('SalesOrderNumber');
  await expect(boxes.getByLabel(/^Box r\d+f1: lower$/)).toBeVisible();
  await loops.getByRole('button', { name: 'Remove loop 1 rule 1' }).click();
  await expect(loops.getByRole('list', { name: 'Rules of loop 1' }).getByRole('listitem')).toHaveCount(2);
  await loops.getByRole('button', { name: 'Remove loop 1', exact: true }).click();
  await expect(loops).toContainText('No loop rule yet');
  await loops.getByRole('button', { name: 'Add loop rule' }).click();
  await expect(loops.getByLabel('Loop 1 target collection')).toHaveValue('SalesOrderLines[]');
  await page.screenshot({ path: test.info().outputPath('map-loops.png'), fullPage: true });
});
