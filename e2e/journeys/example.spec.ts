import { expect, test } from '@playwright/test';
import { ComponentsPage } from '../pages/components.page.js';
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
  await expect(
    page.getByRole('heading', { name: /^process Copy customers usmf to usrt( \d+)?$/ }),
  ).toBeVisible({
    timeout: 15_000,
  });
  await expect(page.getByText('5 shapes · 4 edges · 0 problems')).toBeVisible();

  const status = page.getByLabel('Run status');
  await page.getByRole('button', { name: 'Preview', exact: true }).click();
  await expect(status).toContainText('preview succeeded', { timeout: 90_000 });
  await expect(page.getByLabel(/^What Upsert usrt customer( \d+)? would do$/)).toHaveText('would: 25 create');
  expect(await usrtCustomers()).toBe(before);

  const runTo = async (expected: string) => {
    const earlier = await status.getByRole('link', { name: 'Open execution' }).getAttribute('href');
    await page.getByRole('button', { name: 'Run full', exact: true }).click();
    await expect(status.getByRole('link', { name: 'Open execution' })).not.toHaveAttribute('href', earlier!);
    await expect(status).toHaveText(`${expected} Open execution`, { timeout: 90_000 });
  };
  await runTo('succeeded');
  await expect(page.getByLabel(/^Counts of Upsert usrt customer( \d+)?$/)).toContainText('out 25');
  expect(await usrtCustomers()).toBe(before + 25);
  // An upsert: run again, the same 25 are updated, none is added.
  await runTo('succeeded');
  expect(await usrtCustomers()).toBe(before + 25);
  await page.screenshot({ path: test.info().outputPath('example.png'), fullPage: true });
  // A full run keeps a sample of each shape's documents, and says so where they are listed.
  await status.getByRole('link', { name: 'Open execution' }).click();
  await expect(page.getByRole('list', { name: 'Documents' }).getByRole('listitem')).toHaveCount(10);
  await expect(page.getByRole('note')).toHaveText(
    'The first 10 of 25 documents are kept: a full run keeps the first 10 of each shape, and every failed one. A test run or a preview keeps them all.',
  );

  // Its pieces are in a folder of their own, each one to open and change.
  await components.open();
  await components.folder('Example: copy customers').first().click();
  const rows = page.getByRole('table', { name: 'Components' }).getByRole('row');
  await expect(rows).toHaveCount(6);
  await expect(page.getByRole('link', { name: /^Upsert usrt customer( \d+)?$/ })).toBeVisible();
  // Its map checks clean, its trimmed name in words.
  await page.getByRole('link', { name: /^usmf to usrt customers( \d+)?$/ }).click();
  await expect(page.getByLabel('Map check')).toHaveText('0 errors · 0 warnings');
  await expect(page.getByText('OrganizationName ← trim(OrganizationName)')).toBeVisible();
});
