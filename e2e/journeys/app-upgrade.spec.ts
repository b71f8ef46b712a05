import { readdirSync, renameSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { expect, test } from '@playwright/test';
import { ComponentsPage } from '../pages/components.page.js';
import { signIn } from '../pages/sign-in.js';

const assets = fileURLToPath(new URL('../../apps/web/dist/assets/', import.meta.url));

test('a page opened before an upgrade says to reload when a part of the old version is gone', async ({
  browser,
  page,
}) => {
  await signIn(page);
  const suffix = Date.now().toString(36);
  const components = new ComponentsPage(page);
  await components.open();
  await components.createFolder(`Upgrade ${suffix}`);
  await components.openNew(`Lookup ${suffix}`, 'map', `Upgrade ${suffix}`);

  // Another person's page, opened before the upgrade: its browser has not loaded the map editor yet.
  const context = await browser.newContext();
  const before = await context.newPage();
  await signIn(before);
  await new ComponentsPage(before).open();
  // The upgrade: the map editor of the old version (and its compressed copies) is no longer on the server.
  const chunk = readdirSync(assets).find((f) => /^map-editor-.*\.js$/.test(f))!;
  const files = readdirSync(assets).filter((f) => f.startsWith(chunk) && !f.endsWith('.map'));
  for (const f of files) renameSync(`${assets}${f}`, `${assets}${f}.gone`);
  try {
    const answer = await context.request.get(`/assets/${chunk}`);
    expect(answer.status()).toBe(404);
    await before.getByRole('link', { name: `Lookup ${suffix}` }).click();
    const alert = before.getByRole('alert').filter({ hasText: 'Flowline was updated' });
    await expect(alert).toContainText('The map editor could not load');
    await expect(alert.getByRole('button', { name: 'Try again' })).toHaveCount(0);
  } finally {
    for (const f of files) renameSync(`${assets}${f}.gone`, `${assets}${f}`);
  }
  // Reloading loads the version the server has now.
  await before.getByRole('button', { name: 'Reload the page' }).click();
  await expect(before.getByRole('heading', { name: `map Lookup ${suffix}`, exact: true })).toBeVisible();
  await expect(before.getByRole('alert')).toHaveCount(0);
  await context.close();
});

test('an app whose script cannot load says so, not a blank page', async ({ page }) => {
  await page.route(/\/assets\/index-[^/]*\.js$/, (route) => route.fulfill({ status: 404, body: 'gone' }));
  await page.goto('/');
  const status = page.getByRole('status');
  await expect(status).toContainText('Loading Flowline…');
  await expect(status.getByText('Still here? Reload the page')).toBeVisible({ timeout: 10_000 });
});
