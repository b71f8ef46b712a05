import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test } from '@playwright/test';
import { ComponentsPage } from '../pages/components.page.js';
import { EditorPage } from '../pages/editor.page.js';
import { signOutInAnotherTab } from '../pages/sign-in.js';

// Single sign-on needs FLOWLINE_SSO_* at start, which the shared journey server does not have: this
// journey starts its own built Flowline (and its own sandbox, the Entra authority) on free ports.
const free = (port = 0) =>
  new Promise<number>((resolve, reject) => {
    const s = createServer().once('error', reject);
    s.listen(port, '127.0.0.1', () => {
      const { port: p } = s.address() as { port: number };
      s.close(() => resolve(p));
    });
  });

async function freePair(): Promise<number> {
  for (;;) {
    const p = await free();
    if (p < 65535 && (await free(p + 1).catch(() => 0))) return p;
  }
}

// The browser meets the sandbox's self-signed HTTPS authority; Flowline itself checks it against its CA.
test.use({ ignoreHTTPSErrors: true });

let server: ChildProcess | undefined;
let dataDir = '';
let base = '';

test.beforeAll(async () => {
  test.setTimeout(120_000);
  const [port, sandboxPort] = [await free(), await freePair()];
  base = `http://127.0.0.1:${port}`;
  dataDir = mkdtempSync(join(tmpdir(), 'flowline-e2e-sso-'));
  server = spawn(
    process.execPath,
    ['../apps/server/dist/main.mjs', '--port', String(port), '--data-dir', dataDir],
    {
      stdio: ['ignore', 'ignore', 'inherit'],
      env: {
        ...process.env,
        FLOWLINE_LOG_LEVEL: 'warn',
        FLOWLINE_ADMIN_EMAIL: 'admin@flowline.test',
        FLOWLINE_ADMIN_PASSWORD: 'e2e admin password',
        FLOWLINE_SANDBOX_PORT: String(sandboxPort),
        // The sandbox's demo SSO app, its tenant and its HTTPS authority (trusted through its CA).
        FLOWLINE_SSO_CLIENT_ID: 'flowline-sso-demo',
        FLOWLINE_SSO_CLIENT_SECRET: 'flowline-sso-demo-secret',
        FLOWLINE_SSO_TENANT_ID: 'sandbox',
        FLOWLINE_SSO_AUTHORITY: `https://127.0.0.1:${sandboxPort + 1}/sandbox`,
        FLOWLINE_SSO_DEFAULT_ROLE: 'designer',
      },
    },
  );
  const deadline = Date.now() + 100_000;
  for (;;) {
    const ok = await fetch(`${base}/api/health`).then(
      (r) => r.ok,
      () => false,
    );
    if (ok) break;
    if (Date.now() > deadline || server.exitCode !== null)
      throw new Error('the SSO journey server did not start');
    await new Promise((r) => setTimeout(r, 500));
  }
});

test.afterAll(async () => {
  if (server && server.exitCode === null) {
    const exited = new Promise((r) => server!.once('exit', r));
    server.kill('SIGINT');
    await exited;
  }
  if (dataDir) rmSync(dataDir, { recursive: true, force: true });
});

test('a person signs in with Microsoft and lands in Flowline with the default role', async ({ page }) => {
  await page.goto(`${base}/components`);
  await page.getByRole('link', { name: 'Sign in with Microsoft' }).click();
  // Three redirects (authority, callback, the app's first reads): more than 5 s on a busy machine.
  await expect(page.getByRole('navigation', { name: 'Main' })).toBeVisible({ timeout: 15_000 });
  // The sandbox signs in its default test user; Flowline created the account with the default role.
  await expect(page.getByText('Ada Lovelace · designer')).toBeVisible();
  expect(new URL(page.url()).pathname).toBe('/components');
});

test('a failed sign-in with Microsoft is explained on the sign-in page', async ({ page }) => {
  // An answer from the authority that this browser never asked for: refused (no sign-in in progress).
  await page.goto(`${base}/api/auth/sso/callback?code=stolen&state=guessed`);
  await expect(page.getByRole('alert')).toHaveText(
    /Signing in with Microsoft failed while checking the answer from Microsoft: No sign-in was in progress/,
  );
  expect(page.url()).not.toContain('sso_error');
  await expect(page.getByRole('form', { name: 'Sign in' })).toBeVisible();
});

test('a Microsoft session that ends mid-edit is renewed in a new tab; the page keeps its change', async ({
  page,
  context,
}) => {
  await page.goto(`${base}/components`);
  await page.getByRole('link', { name: 'Sign in with Microsoft' }).click();
  await expect(page.getByRole('navigation', { name: 'Main' })).toBeVisible();
  const components = new ComponentsPage(page);
  const suffix = Date.now().toString(36);
  await components.createFolder(`SSO ${suffix}`);
  await components.openNew(`SSO map ${suffix}`, 'map', `SSO ${suffix}`);
  const editor = new EditorPage(page);
  await expect(editor.status).toHaveText('Saved · revision 1');
  await page.getByLabel('Description').fill('Typed by Ada');

  await signOutInAnotherTab(context, `${base}/components`);

  await editor.saveButton.click();
  const dialog = page.getByRole('dialog', { name: 'Sign in again' });
  // Taken up before signing in anywhere: not yet.
  await dialog.getByRole('button', { name: 'Continue here' }).click();
  await expect(dialog.getByRole('alert')).toContainText('Not signed in yet');
  await page.screenshot({ path: test.info().outputPath('sign-in-again-sso.png') });
  const [tab] = await Promise.all([
    context.waitForEvent('page'),
    dialog.getByRole('link', { name: 'Sign in with Microsoft in a new tab' }).click(),
  ]);
  await expect(tab.getByRole('status')).toHaveText(/You are signed in again/);
  await tab.close();
  await dialog.getByRole('button', { name: 'Continue here' }).click();
  await expect(dialog).toBeHidden();
  await expect(page.getByLabel('Description')).toHaveValue('Typed by Ada');
  await editor.save();
  await expect(editor.status).toHaveText('Saved · revision 2');
});
