import { expect, test } from '@playwright/test';
import { CanvasPage } from '../pages/canvas.page.js';
import { signIn } from '../pages/sign-in.js';

test('configure a decision and a set-properties shape in the inspector', async ({ page }) => {
  await signIn(page);
  const suffix = Date.now().toString(36);
  const canvas = new CanvasPage(page);
  await canvas.create(`Route customers ${suffix}`, `Routing ${suffix}`);
  await canvas.add('Decision');
  await canvas.canvas.getByRole('group', { name: 'Shape Decision' }).click();
  const inspector = page.getByRole('complementary', { name: 'Decision shape' });
  const problems = inspector.getByRole('list', { name: 'Shape problems' });
  await expect(problems).toContainText('Choose the value to compare (left).');

  await inspector.getByLabel('Left: path').fill('CustomerGroupId');
  await inspector.getByLabel('Operator').selectOption({ label: 'equals' });
  await inspector.getByLabel('Right: from').selectOption({ label: 'constant' });
  await inspector.getByLabel('Right: value').fill('30');
  for (const gone of ['Choose the value to compare', 'Choose an operator', 'needs a value to compare with']) {
    await expect(inspector.getByText(gone)).toHaveCount(0);
  }

  await canvas.add('Set properties');
  await canvas.canvas.getByRole('group', { name: 'Shape Set properties' }).click();
  const setter = page.getByRole('complementary', { name: 'Set properties shape' });
  await setter.getByRole('button', { name: 'Add property' }).click();
  await setter.getByLabel('Property 1 name').fill('Route');
  await setter.getByLabel('Property 1 value: from').selectOption({ label: 'tracked property' });
  await setter.getByLabel('Property 1 value: property').selectOption('dataAreaId');
  await expect(setter.getByLabel('Property 1 name')).toHaveValue('Route');

  // Each change was one edit: undo takes back the last one only.
  await canvas.button('Undo').click();
  await expect(setter.getByLabel('Property 1 value: property')).toHaveValue('etag');
  await canvas.button('Undo').click();
  await expect(setter.getByLabel('Property 1 value: from')).toHaveValue('constant');
  await page.screenshot({ path: test.info().outputPath('inspector.png'), fullPage: true });
});
