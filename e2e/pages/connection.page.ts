import { expect, type Page } from '@playwright/test';
import { ComponentsPage } from './components.page.js';
import { EditorPage } from './editor.page.js';
import { sandbox } from './sandbox.js';

/** Creates a connection to the sandbox through the explorer and the connection form; saves it. */
export async function createSandboxConnection(page: Page, name: string, folder: string) {
  const components = new ComponentsPage(page);
  await components.open();
  await components.createFolder(folder);
  await components.openNew(name, 'connection', folder);
  const editor = new EditorPage(page);
  await page.getByLabel('Service URL').fill(sandbox.serviceUrl);
  await page.getByLabel('Default legal entity').fill(sandbox.legalEntity);
  await page.getByLabel('Tenant').fill(sandbox.tenant);
  await page.getByLabel('Client ID').fill(sandbox.clientId);
  await page.getByLabel('Authority host').fill(sandbox.authorityHost);
  await page.getByLabel('Client secret', { exact: true }).fill(sandbox.clientSecret);
  await editor.save();
  return { editor, url: page.url() };
}

/** Tests the saved connection from its editor and waits for the verdict. */
export async function testConnection(page: Page, verdict: 'works' | 'failed') {
  await page.getByRole('button', { name: 'Test connection' }).click();
  await expect(page.getByRole('status').filter({ hasText: `The connection ${verdict}.` })).toBeVisible({
    timeout: 20_000,
  });
}
