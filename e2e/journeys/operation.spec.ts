import { expect, test } from '@playwright/test';
import { ComponentsPage } from '../pages/components.page.js';
import { createSandboxConnection } from '../pages/connection.page.js';
import { OperationBuilderPage } from '../pages/operation.page.js';
import { signIn } from '../pages/sign-in.js';

test('build a query operation on customers with a filter', async ({ page }) => {
  await signIn(page);
  const suffix = Date.now().toString(36);
  const folder = `Operations ${suffix}`;
  await createSandboxConnection(page, `Sandbox ${suffix}`, folder);

  const builder = new OperationBuilderPage(page);
  await builder.create(`Read customers ${suffix}`, folder);
  await page
    .getByRole('combobox', { name: 'Connection', exact: true })
    .selectOption({ label: `Sandbox ${suffix}` });
  await page.getByRole('combobox', { name: 'Action', exact: true }).selectOption('query');
  await builder.pickEntitySet('customers', 'CustomersV3');
  await expect(page.getByRole('heading', { name: /Entity set · CustomersV3/ })).toBeVisible();

  // Fields show their F&O label in words, and are found by it.
  await page.getByLabel('Search fields').fill('group id');
  const found = page.getByRole('list', { name: 'Fields to read' }).getByRole('listitem');
  await expect(
    found.filter({ has: page.getByRole('checkbox', { name: 'Read CustomerGroupId', exact: true }) }),
  ).toContainText('Customer group id');

  // Fields: search, then select all shown.
  await page.getByLabel('Search fields').fill('Customer');
  await page.getByLabel('Select all shown').check();
  await expect(
    page.getByRole('list', { name: 'Fields to read' }).getByRole('checkbox', { checked: true }).first(),
  ).toBeVisible();

  // A typed filter: customer group = 10, or the account starts with US.
  await page.getByRole('button', { name: 'Add condition' }).click();
  await page.getByLabel('Condition 1: field').selectOption('CustomerGroupId');
  await page.getByLabel('Condition 1: value').fill('10');
  await page.getByRole('button', { name: 'Add condition' }).click();
  await page.getByLabel('Condition 2: field').selectOption('CustomerAccount');
  await page.getByLabel('Condition 2: operator').selectOption('startswith');
  await page.getByLabel('Condition 2: value').fill('US');
  await page.getByLabel('Filter: combine with').selectOption('or');
  await page.getByRole('button', { name: 'Add sort' }).click();
  await page.getByLabel('Page size').fill('500');

  await expect(builder.preview).toContainText('GET http://127.0.0.1:');
  await expect(builder.preview).toContainText('/data/CustomersV3?$filter=');
  await expect(builder.preview).toContainText("CustomerGroupId eq '10'");
  await expect(builder.preview).toContainText(' or ');
  await expect(builder.preview).toContainText('$select=');
  await expect(builder.preview).toContainText('Prefer: odata.maxpagesize=500');
  await builder.editor.save();
  await page.screenshot({ path: test.info().outputPath('operation.png'), fullPage: true });

  // What was saved comes back after a reload.
  await page.reload();
  await expect(builder.preview).toContainText("CustomerGroupId eq '10'");
  await expect(page.getByLabel('Condition 2: operator')).toHaveValue('startswith');

  // The connection is used by the operation: deleting it is refused, naming the user.
  const components = new ComponentsPage(page);
  await components.open();
  await components.folder(folder).click();
  page.once('dialog', (d) => d.accept());
  await page.getByRole('button', { name: `Delete Sandbox ${suffix}` }).click();
  const users = page.getByRole('list', { name: `Users of Sandbox ${suffix}` });
  await expect(users).toContainText(`Read customers ${suffix}`);
});
