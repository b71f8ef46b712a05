import { expect, test } from '@playwright/test';
import { apiCall } from '../pages/api.js';
import { ComponentsPage, rowAction } from '../pages/components.page.js';
import { createSandboxConnection } from '../pages/connection.page.js';
import { EditorPage } from '../pages/editor.page.js';
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
  const fieldList = page.getByRole('list', { name: 'Fields to read' });
  await expect(fieldList.getByRole('checkbox', { checked: true }).first()).toBeVisible();
  // The chosen fields, together, without the search that found them.
  await page.getByLabel('Search fields').fill('');
  await page.getByLabel('Show selected only').check();
  await expect(fieldList.getByRole('checkbox', { checked: false })).toHaveCount(0);
  await expect(fieldList.getByRole('checkbox', { name: 'Read CustomerGroupId', exact: true })).toBeChecked();
  await expect(fieldList.getByRole('checkbox', { name: 'Read AddressCity', exact: true })).toHaveCount(0);
  await page.getByLabel('Show selected only').uncheck();
  await expect(fieldList.getByRole('checkbox', { name: 'Read AddressCity', exact: true })).not.toBeChecked();

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
  // A legal entity reads that company across companies: the preview is the request a run sends.
  const company = page.getByRole('textbox', { name: 'Legal entity', exact: true });
  await company.fill('usmf');
  await expect(builder.preview).toContainText("and dataAreaId eq 'usmf'");
  await expect(builder.preview).toContainText('cross-company=true');
  await company.fill('');
  await expect(builder.preview).not.toContainText('cross-company');

  // Tried live before it is saved: the records this very filter reads.
  const tryIt = page.getByRole('region', { name: 'Try it' });
  await tryIt.getByRole('button', { name: 'Read records' }).click();
  await expect(tryIt.getByRole('status')).toHaveText(/^5 records from CustomersV3 in \d+ ms$/);
  const read = tryIt.getByRole('table', { name: 'Records read' });
  await expect(read.getByRole('columnheader', { name: 'CustomerAccount', exact: true })).toBeVisible();
  await expect(read.getByRole('row')).toHaveCount(6);
  // No customer is in group "none" or has an account starting with "ZZ".
  await page.getByLabel('Condition 1: value').fill('none');
  await page.getByLabel('Condition 2: value').fill('ZZ');
  await tryIt.getByRole('button', { name: 'Read records' }).click();
  await expect(tryIt.getByRole('status')).toHaveText(/^0 records from CustomersV3/);
  await page.getByLabel('Condition 1: value').fill('10');
  await page.getByLabel('Condition 2: value').fill('US');
  await expect(tryIt.getByText('Read before the last change')).toBeVisible();
  await builder.editor.save();
  await page.screenshot({ path: test.info().outputPath('operation.png'), fullPage: true });

  // What was saved comes back after a reload.
  await page.reload();
  await expect(builder.preview).toContainText("CustomerGroupId eq '10'");
  await expect(page.getByLabel('Condition 2: operator')).toHaveValue('startswith');
  // The entity set chosen is shown in the list of 450, selected, not its first page.
  const current = page.getByRole('listbox', { name: 'Entity sets' }).getByRole('option', { selected: true });
  await expect(current).toContainText('CustomersV3');
  await expect(current).toBeInViewport();

  // The connection is used by the operation: deleting it is refused, naming the user.
  const components = new ComponentsPage(page);
  await components.open();
  await components.folder(folder).click();
  page.once('dialog', (d) => d.accept());
  await rowAction(page, `Sandbox ${suffix}`, 'Delete');
  const users = page.getByRole('list', { name: `Users of Sandbox ${suffix}` });
  await expect(users).toContainText(`Read customers ${suffix}`);
});

test('an operation taken before its F&O labels were known takes them later', async ({ page }) => {
  await signIn(page);
  const suffix = Date.now().toString(36);
  const { url } = await createSandboxConnection(page, `Sandbox ${suffix}`, `Late labels ${suffix}`);
  const connectionId = url.split('/').pop()!;
  const { profile, metadataHash } = await apiCall<{
    profile: { fields: { label?: string; labelId?: string }[] };
    metadataHash: string;
  }>(page, 'GET', `/api/connections/${connectionId}/entity-sets/CustomerGroups/profile`);
  // As a first read of a large entity leaves it when its labels take longer than the wait: ids.
  const snapshot = structuredClone(profile);
  for (const f of snapshot.fields) {
    if (f.labelId) f.label = f.labelId;
    delete f.labelId;
  }
  const operation = await apiCall<{ id: string }>(page, 'POST', '/api/components', {
    type: 'operation',
    name: `Groups ${suffix}`,
    body: {
      schemaVersion: 1,
      connectionId,
      action: 'query',
      entitySet: 'CustomerGroups',
      requestProfile: snapshot,
      responseProfile: snapshot,
      metadataHash,
    },
  });
  // A map reads customer groups through it, with the same ids.
  const map = await apiCall<{ id: string }>(page, 'POST', '/api/components', {
    type: 'map',
    name: `Groups map ${suffix}`,
    body: {
      schemaVersion: 1,
      name: `Groups map ${suffix}`,
      source: { profile: snapshot, ref: { componentId: operation.id, operation: 'query', version: 1 } },
      target: {},
      rules: [],
    },
  });
  await page.goto(`/components/${operation.id}`);
  const group = page
    .getByRole('list', { name: 'Fields to read' })
    .getByRole('listitem')
    .filter({ has: page.getByRole('checkbox', { name: 'Read CustomerGroupId', exact: true }) });
  await expect(group).toContainText(/@SYS\d+/);
  await expect(page.getByText(/labels show as F&O label ids/)).toBeVisible();
  await page.screenshot({ path: test.info().outputPath('late-labels.png'), fullPage: true });

  await page.getByRole('button', { name: 'Take the labels' }).click();
  await expect(group).toContainText('Customer group id');
  await new EditorPage(page).save();
  await page.reload();
  await expect(group).toContainText('Customer group id');
  await expect(page.getByText("The profile matches the service's $metadata.")).toBeVisible();
  await expect(page.getByRole('button', { name: 'Take the labels' })).toHaveCount(0);

  // The map sees the operation's new revision and takes its profile, labels and all.
  await page.goto(`/components/${map.id}`);
  await page.getByRole('button', { name: 'Take revision 2' }).click();
  await page.getByLabel('Search source fields').fill('customer group id');
  await expect(
    page
      .getByRole('tree', { name: 'Source fields' })
      .getByRole('treeitem', { name: 'CustomerGroupId', exact: true })
      .locator('.field-name'),
  ).toHaveAttribute('title', 'CustomerGroupId · Customer group id');
  await expect(page.getByRole('button', { name: 'Take revision 2' })).toHaveCount(0);
});
