import { expect, test } from '@playwright/test';
import { ComponentsPage } from '../pages/components.page.js';
import { createSandboxConnection } from '../pages/connection.page.js';
import { OperationBuilderPage } from '../pages/operation.page.js';
import { signIn } from '../pages/sign-in.js';

test('a map made with auto-map plus two functions, tested on a sample customer', async ({ page }) => {
  test.setTimeout(90_000);
  await signIn(page);
  const suffix = Date.now().toString(36);
  const folder = `Maps ${suffix}`;
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
    `Copy customers ${suffix}`,
    folder,
    `Read customers ${suffix}`,
    `Write customers ${suffix}`,
  );
  await expect(page.getByRole('tree', { name: 'Target fields' })).toBeVisible();
  // Each side's operation is a link away.
  await expect(
    page.getByRole('link', { name: `Open the target operation Write customers ${suffix}` }),
  ).toHaveAttribute('href', /^\/components\/[0-9a-f-]{36}$/);

  // Auto-map shows what it will add before adding it.
  await page.getByRole('button', { name: 'Auto-map…' }).click();
  const dialog = page.getByRole('dialog', { name: 'Auto-map by name' });
  await expect(dialog.getByRole('table', { name: 'Proposed rules' })).toContainText('CustomerAccount');
  await expect(dialog.getByRole('button', { name: /^Add \d+ rules$/ })).toBeFocused();
  // Escape adds nothing.
  await page.keyboard.press('Escape');
  await expect(dialog).toBeHidden();
  await expect(page.getByRole('region', { name: 'Target fields' }).getByRole('heading')).toContainText(
    '(0 mapped)',
  );
  await page.getByRole('button', { name: 'Auto-map…' }).click();
  await dialog.getByRole('button', { name: /^Add \d+ rules$/ }).click();
  await expect(dialog).toBeHidden();

  // What auto-map added is one step: undone and redone at once, by button or key.
  const targetHeading = page.getByRole('region', { name: 'Target fields' }).getByRole('heading');
  await expect(targetHeading).not.toContainText('(0 mapped)');
  const mapped = (await targetHeading.textContent()) ?? '';
  await page.getByRole('button', { name: 'Undo', exact: true }).click();
  await expect(targetHeading).toContainText('(0 mapped)');
  await page.getByRole('button', { name: 'Redo', exact: true }).click();
  await expect(targetHeading).toHaveText(mapped);
  await page.keyboard.press('Control+z');
  await expect(targetHeading).toContainText('(0 mapped)');
  await page.keyboard.press('Control+Shift+z');
  await expect(targetHeading).toHaveText(mapped);
  // Typing in one field is one step, however many keys it took.
  await page.getByRole('textbox', { name: 'Description', exact: true }).pressSequentially('All customers');
  await page.getByRole('button', { name: 'Undo', exact: true }).click();
  await expect(page.getByRole('textbox', { name: 'Description', exact: true })).toHaveValue('');
  await expect(targetHeading).toHaveText(mapped);

  // Fields are found by their F&O label in words, which their name's tooltip says.
  await page.getByLabel('Search target fields').fill('organization name');
  await expect(
    page
      .getByRole('tree', { name: 'Target fields' })
      .getByRole('treeitem', { name: 'OrganizationName', exact: true })
      .locator('.field-name'),
  ).toHaveAttribute('title', 'OrganizationName · Organization name');

  // Two functions on the organisation name: trim, then upper.
  await page.getByLabel('Search target fields').fill('OrganizationName');
  await page
    .getByRole('tree', { name: 'Target fields' })
    .getByRole('treeitem', { name: 'OrganizationName', exact: true })
    .click();
  await page.getByLabel('Add function').selectOption('trim');
  await page.getByLabel('Add function').selectOption('upper');
  await page.getByLabel('f2 text: kind').selectOption('step');
  await expect(page.getByRole('list', { name: 'Function boxes' }).getByRole('listitem')).toHaveCount(2);
  await expect(page.getByRole('list', { name: 'Map in words' })).toContainText(
    'OrganizationName ← upper(trim(OrganizationName))',
  );

  // Show mapped only filters the source tree.
  await page.getByRole('region', { name: 'Source fields' }).getByLabel('Show mapped only').check();

  await page
    .getByLabel('Sample source document (JSON)')
    .fill(
      JSON.stringify({ dataAreaId: 'usmf', CustomerAccount: 'US-001', OrganizationName: '  acme corp ' }),
    );
  await page.getByRole('button', { name: 'Run test' }).click();
  await expect(page.getByTestId('map-output')).toContainText('"OrganizationName": "ACME CORP"');
  const trace = page.getByRole('table', { name: 'Trace' });
  await expect(trace).toContainText('CustomerAccount = "US-001"');
  await expect(trace).toContainText('f2: upper("acme corp") → "ACME CORP"');
  // The 306 rules whose source field the sample lacks stay out of the way until asked for.
  await expect(page.getByTestId('trace-summary')).toHaveText(
    '3 of 309 rules wrote a value, failed or were skipped; 306 found nothing in the sample.',
  );
  await expect(trace).not.toContainText('PartyType');
  await page.getByLabel('Show the 306 rules that wrote nothing').check();
  await expect(trace).toContainText('PartyType (absent)');
  await builder.editor.save();
  await page.screenshot({ path: test.info().outputPath('map.png'), fullPage: true });

  // The operations it reads and writes say that the map uses them, and lead to it.
  await components.open();
  await components.folder(folder).click();
  await page.getByRole('link', { name: `Read customers ${suffix}`, exact: true }).click();
  await page.getByRole('button', { name: 'Used by' }).click();
  const users = page.getByRole('list', { name: 'Users' });
  await expect(users.getByRole('listitem')).toHaveCount(1);
  await users.getByRole('link', { name: `Copy customers ${suffix}` }).click();
  await expect(
    page.getByRole('heading', { name: `map Copy customers ${suffix}`, exact: true }),
  ).toBeVisible();
});
