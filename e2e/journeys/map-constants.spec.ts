import { expect, test } from '@playwright/test';
import { ComponentsPage } from '../pages/components.page.js';
import { EditorPage } from '../pages/editor.page.js';
import { signIn } from '../pages/sign-in.js';

test('a map keeps named constants that rules can read', async ({ page }) => {
  await signIn(page);
  const suffix = Date.now().toString(36);
  const components = new ComponentsPage(page);
  await components.open();
  await components.createFolder(`Maps ${suffix}`);
  await components.openNew(`With constants ${suffix}`, 'map', `Maps ${suffix}`);
  const editor = new EditorPage(page);
  await expect(editor.status).toBeVisible();

  const constants = page.getByRole('region', { name: 'Constants' });
  await constants.getByRole('button', { name: 'Add constant' }).click();
  await constants.getByLabel('Constant 1 value').fill('usrt');
  await constants.getByRole('button', { name: 'Add constant' }).click();
  await constants.getByLabel('Constant 2 value').fill('42');
  await editor.save();

  await page.reload();
  await expect(constants.getByLabel('Constant 1 value')).toHaveValue('usrt');
  await expect(constants.getByLabel('Constant 2 value')).toHaveValue('42');
  await constants.getByRole('button', { name: 'Remove constant 2' }).click();
  await expect(constants.getByLabel('Constant 2 value')).toHaveCount(0);
  await expect(editor.status).toHaveText('Unsaved changes');
});
