import { expect, type Page, test } from '@playwright/test';
import { CanvasPage } from '../pages/canvas.page.js';
import { ComponentsPage } from '../pages/components.page.js';
import { createSandboxConnection } from '../pages/connection.page.js';
import { OperationBuilderPage } from '../pages/operation.page.js';
import { sandbox } from '../pages/sandbox.js';
import { signIn } from '../pages/sign-in.js';

const fields = ['CustomerAccount', 'OrganizationName', 'CustomerGroupId', 'SalesCurrencyCode'];

async function operation(
  page: Page,
  name: string,
  folder: string,
  connection: string,
  action: string,
  company: string,
) {
  const builder = new OperationBuilderPage(page);
  await builder.create(name, folder);
  await page.getByRole('combobox', { name: 'Connection', exact: true }).selectOption({ label: connection });
  await page.getByRole('combobox', { name: 'Action', exact: true }).selectOption(action);
  await builder.pickEntitySet('CustomersV3', 'CustomersV3');
  if (action === 'query') {
    for (const f of fields) {
      await page.getByLabel('Search fields').fill(f);
      await page
        .getByRole('list', { name: 'Fields to read' })
        .getByRole('checkbox', { name: `Read ${f}`, exact: true })
        .check();
    }
    await page.getByLabel('At most (records)').fill('5');
  }
  await page.getByRole('textbox', { name: 'Legal entity', exact: true }).fill(company);
  await builder.editor.save();
}

test('copy the customers of usmf into usrt: auto-map plus two functions, run, every shape counted', async ({
  page,
  request,
}) => {
  test.setTimeout(180_000);
  await signIn(page);
  const suffix = Date.now().toString(36);
  const folder = `Copy ${suffix}`;
  const connection = `Sandbox ${suffix}`;
  await createSandboxConnection(page, connection, folder);
  await operation(page, `usmf customers ${suffix}`, folder, connection, 'query', 'usmf');
  await operation(page, `create usrt customer ${suffix}`, folder, connection, 'create', 'usrt');

  const components = new ComponentsPage(page);
  await components.open();
  await components.openNew(`usmf to usrt ${suffix}`, 'map', folder);
  // Each picker names every operation's action and offers first what that side nearly always is.
  const groups = (side: string) =>
    page
      .getByLabel(`${side} operation`)
      .locator('optgroup')
      .evaluateAll((gs) => gs.map((g) => g.getAttribute('label')));
  await expect.poll(() => groups('Source')).toEqual(['Reads', 'Writes and actions']);
  expect(await groups('Target')).toEqual(['Writes and actions', 'Reads']);
  await page.getByLabel('Source operation').selectOption({ label: `usmf customers ${suffix} · query` });
  await page
    .getByLabel('Target operation')
    .selectOption({ label: `create usrt customer ${suffix} · create` });
  await page.getByRole('button', { name: 'Auto-map…' }).click();
  await page
    .getByRole('dialog', { name: 'Auto-map by name' })
    .getByRole('button', { name: /^Add \d+ rules$/ })
    .click();
  const target = page.getByRole('tree', { name: 'Target fields' });
  // The company becomes usrt.
  await page.getByLabel('Search target fields').fill('dataAreaId');
  await target.getByRole('treeitem', { name: 'dataAreaId', exact: true }).click();
  await page.getByLabel('Value: kind').selectOption('constant');
  await page.getByLabel('Value: constant').fill('usrt');
  // Two functions: trim then upper on the name.
  await page.getByLabel('Search target fields').fill('OrganizationName');
  await target.getByRole('treeitem', { name: 'OrganizationName', exact: true }).click();
  await page.getByLabel('Add function').selectOption('trim');
  await page.getByLabel('Add function').selectOption('upper');
  await expect(page.getByRole('list', { name: 'Map in words' })).toContainText('dataAreaId ← "usrt"');
  const save = page.getByRole('button', { name: 'Save', exact: true });
  await save.click();
  await expect(page.locator('.editor-header output')).toContainText('Saved');

  const canvas = new CanvasPage(page);
  await components.open();
  await components.openNew(`Copy customers ${suffix}`, 'process', folder);
  await expect(canvas.canvas).toBeVisible();
  await canvas.add(`usmf customers ${suffix} (start)`);
  await canvas.add(`usmf to usrt ${suffix}`);
  // An operation that writes is a step, never a start: the palette offers it as a connector only.
  const palette = page.getByRole('complementary', { name: 'Palette' });
  await expect(
    palette.getByRole('button', { name: `Add create usrt customer ${suffix} (start)` }),
  ).toHaveCount(0);
  await canvas.add(`create usrt customer ${suffix} (connector)`);
  await expect(canvas.shapes()).toHaveCount(3);
  // Each lands right of the one before, clear of its long name, and the view follows it.
  await expect
    .poll(() =>
      canvas
        .shapes()
        .evaluateAll((els) =>
          els
            .map((e) => e.getBoundingClientRect())
            .every((b, i, all) => i === 0 || b.left > all[i - 1]!.right),
        ),
    )
    .toBe(true);
  await expect.poll(() => canvas.shows(canvas.shapes().nth(2))).toBe(true);
  for (const [from, to] of [
    [0, 1],
    [1, 2],
  ] as const) {
    await canvas
      .shapes()
      .nth(from)
      .locator('.react-flow__handle.source')
      .first()
      .dragTo(canvas.shapes().nth(to).locator('.react-flow__handle.target'));
  }
  await expect(canvas.canvas.locator('.react-flow__edge')).toHaveCount(2);
  await expect(page.getByText('3 shapes · 2 edges · 0 problems')).toBeVisible();
  // The start's inspector offers the operations that read, each with its action; opening beside the
  // canvas, it hides none of the shapes.
  await page.getByRole('group', { name: `Shape usmf customers ${suffix}` }).click();
  for (const i of [0, 1, 2]) await expect.poll(() => canvas.shows(canvas.shapes().nth(i))).toBe(true);
  const startOperation = page
    .getByRole('complementary', { name: 'Start shape' })
    .getByRole('combobox', { name: /^Operation/ });
  await expect(startOperation).toHaveValue(/.+/);
  await expect(startOperation.locator('option', { hasText: `usmf customers ${suffix} · query` })).toHaveCount(
    1,
  );
  await expect(startOperation.locator('option', { hasText: `create usrt customer ${suffix}` })).toHaveCount(
    0,
  );
  // The operation it reads is a link away.
  await expect(
    page.getByRole('complementary', { name: 'Start shape' }).getByRole('link', {
      name: `Open the operation usmf customers ${suffix}`,
    }),
  ).toHaveAttribute('href', /^\/components\/[0-9a-f-]{36}$/);
  await canvas.editor.save();

  // usrt must not hold these customers yet: run again on the same sandbox (`--repeat-each`), the
  // journey would otherwise create them twice and see F&O refuse the duplicates.
  expect((await request.post(`${sandbox.serviceUrl}/_sandbox/reset`)).ok()).toBe(true);
  const usrtCustomers = async () => {
    const res = await request.get(`${sandbox.serviceUrl}/_sandbox/count/CustomersV3?company=usrt`);
    return ((await res.json()) as { count: number }).count;
  };
  const before = await usrtCustomers();
  // A preview first: it reads, maps, and shows what the create would send, without sending it.
  await page.getByRole('button', { name: 'Preview', exact: true }).click();
  await expect(page.getByLabel('Run status')).toContainText('preview succeeded', { timeout: 90_000 });
  await expect(page.getByLabel(`Counts of create usrt customer ${suffix}`)).toContainText('out 5');
  await expect(page.getByLabel(`What create usrt customer ${suffix} would do`)).toHaveText('would: 5 create');
  expect(await usrtCustomers()).toBe(before);
  await page.getByRole('link', { name: 'Open execution' }).click();
  await expect(page.getByText('A preview: its reads were real, and it wrote nothing.')).toBeVisible();
  // What the whole preview would do, and each write shape's part of it.
  await expect(page.getByText('Its writes would: 5 create.')).toBeVisible();
  const shapesTable = page.getByRole('table', { name: 'Shapes' });
  await expect(shapesTable.getByRole('columnheader', { name: 'Would' })).toBeVisible();
  await expect(
    shapesTable
      .getByRole('row', { name: new RegExp(`^create usrt customer ${suffix}`) })
      .getByRole('cell')
      .last(),
  ).toHaveText('5 create');
  const previewed = page.getByRole('region', { name: 'Documents' });
  await previewed
    .getByRole('combobox', { name: 'Shape' })
    .selectOption({ label: `create usrt customer ${suffix}` });
  const wouldSend = previewed.getByRole('list', { name: 'Documents' }).getByRole('listitem');
  await expect(wouldSend).toHaveCount(5);
  await expect(wouldSend.first()).toContainText('would sendPOST CustomersV3');
  // Each says which record it is without being opened.
  await expect(wouldSend.first()).toContainText(/dataAreaId usrt · CustomerAccount \S+/);
  await page.screenshot({ path: test.info().outputPath('preview.png'), fullPage: true });
  await page.goBack();
  await page.getByRole('button', { name: 'Test run', exact: true }).click();
  await expect(page.getByLabel('Run status')).toContainText('succeeded', { timeout: 90_000 });
  expect(await usrtCustomers()).toBe(before + 5);
  await expect(page.getByLabel(`Counts of usmf customers ${suffix}`)).toContainText('out 5');
  await expect(page.getByLabel(`Counts of usmf to usrt ${suffix}`)).toContainText('out 5');
  await expect(page.getByLabel(`Counts of create usrt customer ${suffix}`)).toContainText('out 5');
  // A run that writes says nothing of what it would do: it did it.
  await expect(page.getByLabel(`What create usrt customer ${suffix} would do`)).toHaveCount(0);
  // Still drawn at a readable size (the view once zoomed all the way out while the page was laid out).
  expect((await canvas.shapes().first().boundingBox())!.width).toBeGreaterThan(120);
  await page.screenshot({ path: test.info().outputPath('copy-customers.png'), fullPage: true });

  // A customer it wrote leads back to this run: its account, read off the execution's documents.
  await page.getByRole('link', { name: 'Open execution' }).click();
  await expect(page.getByRole('heading', { name: /Execution of/ })).toBeVisible();
  const executionUrl = new URL(page.url()).pathname;
  const documents = page.getByRole('region', { name: 'Documents' });
  await documents
    .getByRole('combobox', { name: 'Shape' })
    .selectOption({ label: `create usrt customer ${suffix}` });
  const written = documents.getByRole('list', { name: 'Documents' }).getByRole('listitem');
  await expect(written).toHaveCount(5);
  await expect(written.first()).toContainText('CustomerAccount=');
  const key = (await written.first().getByRole('definition').first().textContent()) ?? '';
  const account = /CustomerAccount=([^,]+)/.exec(key)?.[1];
  expect(account, key).toBeTruthy();
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Executions' }).click();
  const find = page.getByRole('form', { name: 'Find the run that wrote a record' });
  // Typed in any capitals, as F&O's keys are.
  await find.getByLabel('Key value').fill(account!.toLowerCase());
  await find.getByRole('button', { name: 'Find' }).click();
  const runs = page.getByRole('table', { name: `Runs that wrote ${account!.toLowerCase()}` });
  await expect(runs.getByRole('row').nth(1)).toContainText(`CustomerAccount = ${account}`);
  await page.screenshot({ path: test.info().outputPath('record-search.png'), fullPage: true });
  // It opens the execution at that very document, unfolded.
  await runs.getByRole('row').nth(1).getByRole('link').click();
  await expect(page).toHaveURL(new RegExp(`${executionUrl}\\?`));
  await expect(documents.getByRole('combobox', { name: 'Shape' }).locator('option:checked')).toHaveText(
    `create usrt customer ${suffix}`,
  );
  const unfolded = written.filter({ has: page.getByRole('region', { name: /^Document / }) });
  await expect(unfolded).toHaveCount(1);
  await expect(unfolded).toContainText(`CustomerAccount=${account}`);
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Executions' }).click();

  // The filters live in the address; an offset past the end shows the last page, not an empty one.
  await page.getByLabel('Status').selectOption('succeeded');
  await expect(page).toHaveURL(/status=succeeded/);
  await page.goto(`${new URL(page.url()).pathname}?status=succeeded&offset=5000`);
  await expect(page.getByLabel('Status')).toHaveValue('succeeded');
  await expect(page.getByRole('table', { name: 'Executions' })).toContainText(`Copy customers ${suffix}`);
  await expect(page).not.toHaveURL(/offset=5000/);

  // The connection says what a change to it reaches: its operations and the process name it, the
  // map reaches it through both operations.
  await components.open();
  await components.folder(folder).click();
  // From its row (the local sandbox's box above the list names it too).
  await components.component(connection).getByRole('link', { name: connection, exact: true }).click();
  await page.getByRole('button', { name: 'Used by' }).click();
  await expect(page.getByRole('list', { name: 'Users' }).getByRole('link')).toHaveText([
    `Copy customers ${suffix}`,
    `create usrt customer ${suffix}`,
    `usmf customers ${suffix}`,
  ]);
  await expect(page.getByRole('list', { name: 'Through them' }).getByRole('listitem')).toHaveText([
    `map usmf to usrt ${suffix} through create usrt customer ${suffix}, usmf customers ${suffix}`,
  ]);
});
