import { expect, test } from '@playwright/test';
import { apiCall } from '../pages/api.js';
import { ComponentsPage } from '../pages/components.page.js';
import { signIn } from '../pages/sign-in.js';

/** More operations than the API answers at once (100): every picker must still offer the last one. */
const COUNT = 120;

test('a workspace of 120 operations: the list pages, the palette and the map find the last one', async ({
  page,
}) => {
  test.setTimeout(120_000);
  await signIn(page);
  const suffix = Date.now().toString(36);
  const folder = await apiCall<{ id: string }>(page, 'POST', '/api/folders', { name: `Many ${suffix}` });
  const names = Array.from({ length: COUNT }, (_, i) => `Op ${suffix} ${String(i + 1).padStart(3, '0')}`);
  for (let i = 0; i < names.length; i += 10) {
    await Promise.all(
      names
        .slice(i, i + 10)
        .map((name) =>
          apiCall(page, 'POST', '/api/components', { type: 'operation', name, folderId: folder.id }),
        ),
    );
  }
  const create = (type: string, name: string) =>
    apiCall<{ id: string }>(page, 'POST', '/api/components', { type, name, folderId: folder.id });
  const process = await create('process', `Many ops process ${suffix}`);
  const map = await create('map', `Many ops map ${suffix}`);
  const last = names.at(-1)!;

  // The folder holds 122 components: the list shows 100 and pages to the rest.
  const components = new ComponentsPage(page);
  await components.open();
  await components.folder(`Many ${suffix}`).click();
  const pager = page.getByRole('navigation', { name: 'Pages of components' });
  await expect(pager).toContainText(`1–100 of ${COUNT + 2}`);
  await expect(pager.getByRole('button', { name: 'Previous' })).toBeDisabled();
  await expect(components.component(last)).toHaveCount(0);
  await pager.getByRole('button', { name: 'Next' }).click();
  await expect(pager).toContainText(`101–${COUNT + 2} of ${COUNT + 2}`);
  await expect(components.component(last)).toBeVisible();
  // Another type starts again from its first page, which is all there is.
  await page.getByRole('combobox', { name: 'Type', exact: true }).selectOption('process');
  await expect(components.component(`Many ops process ${suffix}`)).toBeVisible();
  await expect(pager).toHaveCount(0);

  // The palette offers the last operation, found by the filter.
  await page.goto(`/components/${process.id}`);
  const palette = page.getByRole('complementary', { name: 'Palette' });
  await palette.getByRole('searchbox', { name: 'Filter the palette' }).fill(last.toUpperCase());
  // One entry for it, which starts a process or is a step of one.
  await expect(palette.getByRole('listitem')).toHaveCount(1);
  await expect(palette.getByRole('listitem')).toContainText(last);
  await expect(palette.getByRole('button', { name: /^Add / })).toHaveText(['Start', 'Connector']);
  await expect(palette.getByRole('button', { name: `Add ${last} (start)` })).toBeVisible();
  await expect(palette).toContainText('No map matches.');
  await palette.getByRole('button', { name: `Add ${last} (connector)` }).click();
  await expect(
    page.getByRole('region', { name: 'Process canvas', exact: true }).locator('.react-flow__node'),
  ).toHaveCount(1);

  // So do the map's operation pickers (this one has no entity set yet, and the map says so).
  await page.goto(`/components/${map.id}`);
  await page.getByLabel('Source operation').selectOption({ label: last });
  await expect(page.getByRole('alert')).toHaveText(`${last} has no entity set yet: pick one in its builder.`);
});
