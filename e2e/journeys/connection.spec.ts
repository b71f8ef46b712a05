import { expect, test } from '@playwright/test';
import { ComponentsPage, rowAction } from '../pages/components.page.js';
import { createSandboxConnection, testConnection } from '../pages/connection.page.js';
import { sandbox } from '../pages/sandbox.js';
import { signIn } from '../pages/sign-in.js';

test('connect to the sandbox and test the connection, step by step', async ({ page }) => {
  await signIn(page);
  const suffix = Date.now().toString(36);
  const { editor } = await createSandboxConnection(page, `Sandbox ${suffix}`, `Connections ${suffix}`);

  // The secret is write-only: after saving it only says "Set".
  await expect(page.getByRole('button', { name: 'Replace client secret' })).toBeVisible();
  await expect(page.getByLabel('Client secret', { exact: true })).toHaveCount(0);

  await testConnection(page, 'works');
  const steps = page.getByRole('list', { name: 'Test steps' }).getByRole('listitem');
  await expect(steps).toHaveCount(3);
  await expect(steps.nth(0)).toContainText(/Token\s+\d+ ms/);
  await expect(steps.nth(1)).toContainText(/Metadata\s+\d+ ms/);
  await expect(steps.nth(2)).toContainText(/First record\s+\d+ ms/);
  await page.screenshot({ path: test.info().outputPath('connection-test.png'), fullPage: true });

  // Labels in another language: kept with the connection.
  await page.getByLabel('Label language').fill('fr-ca');
  await editor.save();
  await page.reload();
  await expect(page.getByLabel('Label language')).toHaveValue('fr-ca');
  // The history says what that save changed.
  await page.getByRole('button', { name: 'History' }).click();
  await page.getByRole('button', { name: 'Changes since revision 2' }).click();
  const changes = page.getByRole('table', { name: 'From revision 2 to revision 3' });
  await expect(changes.getByRole('row')).toHaveCount(2);
  await expect(changes.getByRole('row').nth(1)).toHaveText('body.labelLanguage(none)"fr-ca"');
  await page.getByRole('button', { name: 'History' }).click();

  // A proxy on this very machine is refused by the host policy, which names the field; without it,
  // the connection works again.
  await page.getByLabel('Proxy URL').fill('http://127.0.0.1:9');
  await page.getByLabel('Proxy user').fill('flow');
  await page.getByLabel('Proxy password').fill('proxy secret');
  await page.getByLabel('Bypass the proxy for').fill('localhost, .contoso.com');
  const undo = page.getByRole('button', { name: 'Undo', exact: true });
  await expect(undo).toBeEnabled();
  await editor.save();
  await expect(page.getByRole('button', { name: 'Replace proxy password' })).toBeVisible();
  // The steps that held the password as typed are gone once it is saved.
  await expect(undo).toBeDisabled();
  await page.reload();
  await expect(page.getByLabel('Bypass the proxy for')).toHaveValue('localhost, .contoso.com');
  await page.getByRole('button', { name: 'Test connection' }).click();
  await expect(page.getByRole('region', { name: 'Test connection' }).getByRole('alert')).toContainText(
    'proxy/url points at this server itself',
  );
  await page.getByLabel('Proxy URL').fill('');
  await expect(page.getByLabel('Proxy user')).toHaveCount(0);
  await editor.save();
  await testConnection(page, 'works');

  // A wrong secret fails at the token step, with an explanation.
  await page.getByRole('button', { name: 'Replace client secret' }).click();
  await page.getByLabel('Client secret', { exact: true }).fill('not the secret');
  await editor.save();
  await testConnection(page, 'failed');
  await expect(steps.first()).toHaveClass(/bad/);
  await expect(steps.first().locator('.explanation')).not.toBeEmpty();
});

test('a duplicated connection opens as a copy that works at once: its secret came along', async ({
  page,
}) => {
  await signIn(page);
  const suffix = Date.now().toString(36);
  const folder = `Copies ${suffix}`;
  await createSandboxConnection(page, `Sandbox ${suffix}`, folder);
  const components = new ComponentsPage(page);
  await components.open();
  await components.folder(folder).click();
  await rowAction(page, `Sandbox ${suffix}`, 'Duplicate');
  await expect(
    page.getByRole('heading', { name: `connection Sandbox ${suffix} (copy)`, exact: true }),
  ).toBeVisible();
  await expect(page.getByRole('button', { name: 'Replace client secret' })).toBeVisible();
  await testConnection(page, 'works');
  await components.open();
  await components.folder(folder).click();
  await expect(components.component(`Sandbox ${suffix} (copy)`)).toContainText(folder);
});

test('a first connection in one click: to the local sandbox, in the folder shown', async ({ page }) => {
  await signIn(page);
  const folder = `Try ${Date.now().toString(36)}`;
  const components = new ComponentsPage(page);
  await components.open();
  await components.createFolder(folder);
  await components.folder(folder).click();
  await expect(page.getByText(`The local D365 sandbox runs at ${sandbox.serviceUrl}`)).toBeVisible();
  await page.getByRole('button', { name: 'Connect to the local sandbox' }).click();
  // Named apart from any made before: "Local D365 sandbox 2"…
  const heading = page.getByRole('heading', { name: /^connection Local D365 sandbox( \d+)?$/ });
  await expect(heading).toBeVisible({ timeout: 15_000 });
  const made = (await heading.textContent())!.replace(/^connection\s*/, '');
  await expect(page.getByLabel('Service URL')).toHaveValue(sandbox.serviceUrl);
  await expect(page.getByLabel('Tenant')).toHaveValue(sandbox.tenant);
  await expect(page.getByRole('button', { name: 'Replace client secret' })).toBeVisible();
  await testConnection(page, 'works');
  await components.open();
  await components.folder(folder).click();
  await expect(page.getByRole('table', { name: 'Components' }).getByRole('row')).toHaveCount(2);
  await expect(page.getByRole('table', { name: 'Components' })).toContainText(made);
  // Named beside the button now, as a connection that reaches the sandbox, and a way back to it.
  await page
    .getByRole('region', { name: 'The local sandbox' })
    .getByRole('link', { name: made, exact: true })
    .click();
  await expect(heading).toBeVisible();
});
