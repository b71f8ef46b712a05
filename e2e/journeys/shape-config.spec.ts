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

  // It goes right of the decision, past the canvas's edge now that the inspector narrows it: the view
  // pans to it, so it is seen (and a click on it lands on it, not on the pane).
  await canvas.add('Set properties');
  const added = canvas.canvas.getByRole('group', { name: 'Shape Set properties' });
  await expect.poll(() => canvas.shows(added)).toBe(true);
  await added.click();
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

test('an inspector field keeps a refused draft with its reason; one visit to a field is one undo step', async ({
  page,
}) => {
  await signIn(page);
  const suffix = Date.now().toString(36);
  const canvas = new CanvasPage(page);
  await canvas.create(`Drafts ${suffix}`, `Inspector ${suffix}`);
  await canvas.add('Set properties');
  await canvas.canvas.getByRole('group', { name: 'Shape Set properties' }).click();
  const setter = page.getByRole('complementary', { name: 'Set properties shape' });
  await setter.getByRole('button', { name: 'Add property' }).click();
  const name = setter.getByLabel('Property 1 name');
  await expect(name).toHaveValue('property1');

  // Emptied, the name is refused by the reducer: the field keeps the draft and says why.
  await name.fill('');
  await expect(name).toHaveValue('');
  await expect(name).toHaveAttribute('aria-invalid', 'true');
  await expect(name).toHaveAccessibleDescription('Not applied: a property needs a name.');
  // Typing on makes it valid again: applied, no longer invalid.
  await name.pressSequentially('Route');
  await expect(name).toHaveValue('Route');
  await expect(name).not.toHaveAttribute('aria-invalid');
  await expect(setter.getByText('Not applied')).toHaveCount(0);
  await name.blur();
  await page.screenshot({ path: test.info().outputPath('draft.png'), fullPage: true });

  // All the keystrokes of that visit are one edit: one undo brings the first name back.
  await canvas.button('Undo').click();
  await expect(name).toHaveValue('property1');
  await canvas.button('Redo').click();
  await expect(name).toHaveValue('Route');

  // A field path emptied on a decision: the same, and Escape goes back to the applied value.
  await canvas.add('Decision');
  await canvas.canvas.getByRole('group', { name: 'Shape Decision' }).click();
  const decision = page.getByRole('complementary', { name: 'Decision shape' });
  const left = decision.getByLabel('Left: path');
  await left.fill('CustomerGroupId');
  await left.fill('');
  await expect(left).toHaveAttribute('aria-invalid', 'true');
  await expect(left).toHaveAccessibleDescription('Not applied: Left: the field path cannot be empty.');
  await expect(left).toHaveValue('');
  await left.press('Escape');
  await expect(left).toHaveValue('CustomerGroupId');
  await expect(left).not.toHaveAttribute('aria-invalid');

  // A kind of source that needs a name, chosen before the name is typed: a draft too, not a refusal.
  await decision.getByLabel('Right: from').selectOption({ label: 'constant' });
  await decision.getByLabel('Right: from').selectOption({ label: 'document property' });
  await expect(decision.getByLabel('Right: from')).toHaveValue('property');
  const right = decision.getByLabel('Right: name');
  await expect(right).toHaveAttribute('aria-invalid', 'true');
  await expect(right).toHaveAccessibleDescription('Not applied: Right: the property name cannot be empty.');
  await right.fill('Route');
  await expect(right).not.toHaveAttribute('aria-invalid');
  await canvas.button('Undo').click();
  await expect(decision.getByLabel('Right: from')).toHaveValue('constant');
});
