import { expect, test } from '@playwright/test';
import { CanvasPage } from '../pages/canvas.page.js';
import { ComponentsPage } from '../pages/components.page.js';
import { createSandboxConnection } from '../pages/connection.page.js';
import { unnamedControls } from '../pages/controls.js';
import { OperationBuilderPage } from '../pages/operation.page.js';
import { signIn } from '../pages/sign-in.js';

test('run a process, see every shape’s counts, and find a document’s ETag in the execution', async ({
  page,
}) => {
  test.setTimeout(120_000);
  await signIn(page);
  const suffix = Date.now().toString(36);
  const folder = `Runs ${suffix}`;
  await createSandboxConnection(page, `Sandbox ${suffix}`, folder);
  const builder = new OperationBuilderPage(page);
  await builder.create(`Three customers ${suffix}`, folder);
  await page
    .getByRole('combobox', { name: 'Connection', exact: true })
    .selectOption({ label: `Sandbox ${suffix}` });
  await page.getByRole('combobox', { name: 'Action', exact: true }).selectOption('query');
  await builder.pickEntitySet('CustomersV3', 'CustomersV3');
  await page.getByLabel('At most (records)').fill('3');
  await builder.editor.save();

  const canvas = new CanvasPage(page);
  // A process is created from the Processes page too, and opens on its canvas.
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Processes' }).click();
  const create = page.getByRole('form', { name: 'New process' });
  // It makes processes alone: no type to choose.
  await expect(create.getByLabel('Component type')).toHaveCount(0);
  await create.getByLabel('Name').fill(`Run me ${suffix}`);
  await create.getByLabel('In folder').selectOption({ label: folder });
  await create.getByRole('button', { name: 'Create process' }).click();
  await expect(page.getByRole('heading', { name: `process Run me ${suffix}` })).toBeVisible();
  await expect(canvas.canvas).toBeVisible();
  await canvas.add(`Three customers ${suffix} (start)`);
  await canvas.add('Stop');
  await expect(canvas.shapes()).toHaveCount(2);
  await canvas
    .shapes()
    .nth(0)
    .locator('.react-flow__handle.source')
    .dragTo(canvas.shapes().nth(1).locator('.react-flow__handle.target'));
  await expect(canvas.canvas.locator('.react-flow__edge')).toHaveCount(1);
  await canvas.editor.save();

  await page.getByRole('button', { name: 'Test run', exact: true }).click();
  await expect(page.getByLabel('Run status')).toContainText('succeeded', { timeout: 60_000 });
  await expect(page.getByLabel(`Counts of Three customers ${suffix}`)).toContainText('out 3');
  await expect(page.getByLabel('Counts of stop')).toContainText('in 3');
  await page.screenshot({ path: test.info().outputPath('run.png'), fullPage: true });

  await page.getByRole('link', { name: 'Open execution' }).click();
  await expect(page.getByRole('heading', { name: /Execution of/ })).toBeVisible();
  // In the process's order, each shape called as on the canvas.
  const rows = page.getByRole('table', { name: 'Shapes' }).getByRole('row');
  await expect(rows.nth(1).getByRole('cell').first()).toHaveText(`Three customers ${suffix}`);
  await expect(rows.nth(2).getByRole('cell').first()).toHaveText('Stop');
  const graph = page.getByRole('region', { name: 'Process as it ran' });
  await expect(graph.getByLabel(`Counts of Three customers ${suffix}`)).toContainText('out 3');
  await expect(graph.getByLabel('Counts of stop')).toContainText('in 3');
  const docs = page.getByRole('list', { name: 'Documents' }).getByRole('listitem');
  await expect(docs).toHaveCount(3);
  await expect(docs.first().getByRole('definition').first()).not.toBeEmpty();
  await expect(docs.first()).toContainText('etag');
  await expect(docs.first()).toContainText('dataAreaId=usmf,CustomerAccount=');
  await docs.first().getByRole('button').click();
  await expect(docs.first().getByRole('region', { name: /^Document / })).toContainText(
    '"dataAreaId": "usmf"',
  );
  await expect(page.getByRole('region', { name: 'Log' })).toContainText(
    'Nothing to report: no document failed or was skipped.',
  );
  // A count in the shapes table shows its documents.
  await page.getByRole('button', { name: '3 in of Stop: show them' }).click();
  const panel = page.getByRole('region', { name: 'Documents' });
  await expect(
    panel.getByRole('combobox', { name: 'Shape', exact: true }).locator('option:checked'),
  ).toHaveText('Stop');
  await expect(panel.getByRole('combobox', { name: 'Direction', exact: true })).toHaveValue('in');
  await expect(docs).toHaveCount(3);
  // So does a click on a shape of the graph: what came out of it.
  await graph.getByRole('group', { name: `Shape Three customers ${suffix}` }).click();
  await expect(
    panel.getByRole('combobox', { name: 'Shape', exact: true }).locator('option:checked'),
  ).toHaveText(`Three customers ${suffix}`);
  await expect(panel.getByRole('combobox', { name: 'Direction', exact: true })).toHaveValue('out');
  // And by keyboard: a shape of the graph takes the focus, Enter shows its documents.
  await graph.locator('.react-flow__node', { has: page.getByRole('group', { name: 'Shape Stop' }) }).focus();
  await page.keyboard.press('Enter');
  await expect(
    panel.getByRole('combobox', { name: 'Shape', exact: true }).locator('option:checked'),
  ).toHaveText('Stop');
  await expect(panel.getByRole('combobox', { name: 'Direction', exact: true })).toHaveValue('in');
  await page.screenshot({ path: test.info().outputPath('execution.png'), fullPage: true });

  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Executions' }).click();
  await expect(page.getByRole('table', { name: 'Executions' })).toContainText(`Run me ${suffix}`);
  expect(await unnamedControls(page)).toEqual([]);
  // How long it took, in the unit that reads best.
  const row = page.getByRole('table', { name: 'Executions' }).getByRole('row').nth(1);
  await expect(row.getByRole('cell').nth(4)).toHaveText(/^\d+ ms$|^\d+\.\d s$/);

  // The Processes page says how each process last ran, and runs one again in a click.
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Processes' }).click();
  const last = page.getByRole('link', { name: `Last run of Run me ${suffix}: succeeded` });
  await expect(last).toBeVisible();
  await page.screenshot({ path: test.info().outputPath('processes.png') });
  await page.getByRole('button', { name: `Test run Run me ${suffix}` }).click();
  await expect(page.getByRole('heading', { name: `Execution of Run me ${suffix}` })).toBeVisible();
  await expect(page.locator('.status-badge').first()).toHaveText('succeeded', { timeout: 60_000 });
  // A preview is a click away too.
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Processes' }).click();
  await page.getByRole('button', { name: `Preview Run me ${suffix}` }).click();
  await expect(page.getByText(/^preview run · revision/)).toBeVisible();
  await expect(page.locator('.status-badge').first()).toHaveText('succeeded', { timeout: 60_000 });
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Processes' }).click();
  // Among many processes, one is found by a part of its name, in any capitals.
  const processes = page.getByRole('table', { name: 'Processes' });
  await page.getByRole('searchbox', { name: 'Search' }).fill(`RUN ME ${suffix}`.toUpperCase());
  await expect(page).toHaveURL(/[?&]q=/);
  await expect(processes.getByRole('row')).toHaveCount(2);
  await page.getByRole('searchbox', { name: 'Search' }).fill(`nothing like it ${suffix}`);
  await expect(page.getByText(`No process named like “nothing like it ${suffix}”.`)).toBeVisible();
  await page.getByRole('searchbox', { name: 'Search' }).fill(`me ${suffix}`);
  // And by how it last ran: it succeeded, so it is not among those that failed.
  const lastRun = page.getByRole('combobox', { name: 'Last run' });
  await lastRun.selectOption('failed or interrupted');
  await expect(page).toHaveURL(/last=failed/);
  await expect(
    page.getByText(`No process named like “me ${suffix}” whose last run failed or was interrupted.`),
  ).toBeVisible();
  await lastRun.selectOption('succeeded');
  await expect(processes.getByRole('row')).toHaveCount(2);
  await expect(page).toHaveURL(/q=me/);
  await page.getByRole('link', { name: `Runs of Run me ${suffix}` }).click();
  await expect(page.getByRole('table', { name: 'Executions' }).getByRole('row')).toHaveCount(4);
  await expect(page.getByRole('table', { name: 'Executions' }).getByRole('row').nth(1)).toContainText(
    'preview',
  );
  // Previews apart from the runs that wrote.
  await page.getByLabel('Mode').selectOption('test');
  await expect(page).toHaveURL(/mode=test/);
  await expect(page.getByRole('table', { name: 'Executions' }).getByRole('row')).toHaveCount(3);
  await page.getByLabel('Mode').selectOption('preview');
  await expect(page.getByRole('table', { name: 'Executions' }).getByRole('row')).toHaveCount(2);
  // And by the days they were queued on, both included.
  await page.getByLabel('From day').fill('2999-01-01');
  await expect(page.getByText('No execution matches these filters.')).toBeVisible();
  await page.getByLabel('From day').fill('2000-01-01');
  await page.getByLabel('To day').fill('2999-12-31');
  await expect(page).toHaveURL(/from=2000-01-01.*to=2999-12-31|to=2999-12-31.*from=2000-01-01/);
  await expect(page.getByRole('table', { name: 'Executions' }).getByRole('row')).toHaveCount(2);
  await page.getByLabel('To day').fill('2000-01-01');
  await expect(page.getByText('No execution matches these filters.')).toBeVisible();

  // A test run takes 100 documents from its start at most, and the canvas says so when it stopped there.
  const components = new ComponentsPage(page);
  await components.open();
  await components.folder(folder).click();
  await page.getByRole('link', { name: `Three customers ${suffix}`, exact: true }).click();
  await page.getByLabel('At most (records)').fill('150');
  await builder.editor.save();
  await components.open();
  await components.folder(folder).click();
  await page.getByRole('link', { name: `Run me ${suffix}`, exact: true }).click();
  await expect(page.getByRole('button', { name: 'Test run', exact: true })).toHaveAttribute(
    'title',
    'Test mode: the first 100 documents from the start, every one kept to look at. Its writes are real: Preview sends none.',
  );
  await page.getByRole('button', { name: 'Test run', exact: true }).click();
  await expect(page.getByLabel('Run status')).toContainText('succeeded', { timeout: 60_000 });
  await expect(page.getByLabel(`Counts of Three customers ${suffix}`)).toContainText('out 100');
  await expect(
    page.getByText('A test run takes the first 100 documents from the start; a full run takes every one.'),
  ).toBeVisible();
});
