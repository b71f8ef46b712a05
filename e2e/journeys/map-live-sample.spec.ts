import { expect, test } from '@playwright/test';
import { ComponentsPage } from '../pages/components.page.js';
import { createSandboxConnection } from '../pages/connection.page.js';
import { OperationBuilderPage } from '../pages/operation.page.js';
import { signIn } from '../pages/sign-in.js';

test("a map's test reads live customers through its source operation", async ({ page }) => {
  test.setTimeout(90_000);
  await signIn(page);
  const suffix = Date.now().toString(36);
  const folder = `Samples ${suffix}`;
  await createSandboxConnection(page, `Sandbox ${suffix}`, folder);
  const builder = new OperationBuilderPage(page);
  await builder.build(
    `Read USRT customers ${suffix}`,
    folder,
    { connection: `Sandbox ${suffix}`, action: 'query', entitySet: 'CustomersV3' },
    () => page.getByRole('textbox', { name: 'Legal entity' }).fill('usrt'),
  );
  await builder.build(`Write customers ${suffix}`, folder, {
    connection: `Sandbox ${suffix}`,
    action: 'create',
    entitySet: 'CustomersV3',
  });
  // An operation with no entity set yet: reading through it must say what is missing.
  await builder.create(`Unfinished ${suffix}`, folder);

  const components = new ComponentsPage(page);
  await components.openNewMap(
    `Sampled map ${suffix}`,
    folder,
    `Read USRT customers ${suffix}`,
    `Write customers ${suffix}`,
  );
  await page.getByRole('button', { name: 'Auto-map…' }).click();
  const dialog = page.getByRole('dialog', { name: 'Auto-map by name' });
  await dialog.getByRole('button', { name: /^Add \d+ rules$/ }).click();

  const panel = page.getByRole('region', { name: 'Test' });
  // The map's source operation is the one read unless the person picks another.
  await expect(panel.getByLabel('Sample operation')).toHaveValue(/.+/);
  await expect(panel.getByLabel('Sample operation').locator('option:checked')).toHaveText(
    `Read USRT customers ${suffix} (source)`,
  );
  await panel.getByLabel('Records to read').fill('3');
  await panel.getByRole('button', { name: 'Fetch sample' }).click();
  const records = panel.getByLabel('Sample record').locator('option');
  await expect(records).toHaveCount(3);
  const sample = panel.getByLabel('Sample source document (JSON)');
  await expect(sample).toHaveValue(/"dataAreaId": "usrt"/);

  // Pick the second record: it becomes the test input, and the output is mapped from it.
  await panel.getByLabel('Sample record').selectOption({ index: 1 });
  const second = JSON.parse(await sample.inputValue()) as { CustomerAccount: string };
  expect(second.CustomerAccount).toBeTruthy();
  await panel.getByRole('button', { name: 'Run test' }).click();
  await expect(page.getByTestId('map-output')).toContainText(
    `"CustomerAccount": "${second.CustomerAccount}"`,
  );
  await expect(page.getByTestId('map-output')).toContainText('"dataAreaId": "usrt"');

  await panel.getByLabel('Sample operation').selectOption({ label: `Unfinished ${suffix}` });
  await panel.getByRole('button', { name: 'Fetch sample' }).click();
  await expect(panel.getByRole('alert')).toContainText('connectionId is required to read a sample');
  await page.screenshot({ path: test.info().outputPath('map-live-sample.png'), fullPage: true });
});
