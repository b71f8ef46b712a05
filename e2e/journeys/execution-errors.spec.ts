import { readFileSync } from 'node:fs';
import { expect, type Page, test } from '@playwright/test';
import { apiCall } from '../pages/api.js';
import { unnamedControls } from '../pages/controls.js';
import { sandbox } from '../pages/sandbox.js';
import { signIn } from '../pages/sign-in.js';

/**
 * A process whose write the sandbox refuses: a customer with none of its mandatory fields. One empty
 * document fails the run; given `documents`, a full run sends each down the error path.
 */
async function failingRun(
  page: Page,
  suffix: string,
  documents?: { data: Record<string, unknown> }[],
  action: 'create' | 'update' = 'create',
) {
  const create = (type: string, name: string, body: unknown) =>
    apiCall<{ id: string }>(page, 'POST', '/api/components', { type, name, body });
  const connection = await create('connection', `Sandbox ${suffix}`, {
    schemaVersion: 1,
    serviceUrl: sandbox.serviceUrl,
    defaultLegalEntity: sandbox.legalEntity,
    auth: {
      kind: 'clientSecret',
      tenant: sandbox.tenant,
      clientId: sandbox.clientId,
      clientSecret: sandbox.clientSecret,
      authorityHost: sandbox.authorityHost,
    },
  });
  const operation = await create('operation', `${action} customer ${suffix}`, {
    schemaVersion: 1,
    connectionId: connection.id,
    action,
    entitySet: 'CustomersV3',
    legalEntity: 'usrt',
  });
  const process = await create('process', `Failing write ${suffix}`, {
    schemaVersion: 1,
    name: `Failing write ${suffix}`,
    shapes: [
      {
        id: 'start',
        kind: 'start',
        position: { x: 0, y: 0 },
        config: { mode: documents ? 'documents' : 'none' },
      },
      {
        id: 'write',
        kind: 'connector',
        name: action === 'create' ? 'Create customer' : 'Update customer',
        onError: documents ? 'errorPath' : 'failRun',
        position: { x: 240, y: 0 },
        config: { operationId: operation.id, connectionId: connection.id },
      },
      ...(documents
        ? [{ id: 'end', kind: 'stop', position: { x: 480, y: 0 }, config: { scope: 'path' } }]
        : []),
    ],
    edges: [
      { id: 'e1', from: 'start', handle: 'out', to: 'write' },
      ...(documents ? [{ id: 'e2', from: 'write', handle: 'error', to: 'end' }] : []),
    ],
  });
  const { id } = await apiCall<{ id: string }>(
    page,
    'POST',
    `/api/processes/${process.id}/executions`,
    documents ? { mode: 'full', documents } : { mode: 'test' },
  );
  await expect
    .poll(async () => (await apiCall<{ status: string }>(page, 'GET', `/api/executions/${id}`)).status, {
      timeout: 30_000,
    })
    .toMatch(/^(failed|succeeded|cancelled)$/);
  return { executionId: id, processId: process.id };
}

test('a failed write shows F&O’s Infolog at the document; API errors show a message, never a blank page', async ({
  page,
}) => {
  test.setTimeout(90_000);
  await signIn(page);
  const suffix = Date.now().toString(36);
  const { executionId, processId } = await failingRun(page, suffix);

  await page.goto(`/executions/${executionId}`);
  await expect(page.getByRole('heading', { name: /Execution of/ })).toBeVisible();
  // Opened straight from its address, the graph still draws its shapes as shapes (React Flow's styles).
  const graph = page.getByRole('region', { name: 'Process as it ran' });
  await expect(graph.getByRole('group', { name: 'Shape Create customer' })).toBeVisible();
  // Its shape says what the failures were, by code, as the shapes table below does.
  await expect(graph.getByRole('status', { name: 'Failures of Create customer' })).toHaveText(
    /^failed: \d+ × ValidationError$/,
  );
  // Why it failed names the shape as the canvas does.
  await expect(page.getByRole('region', { name: 'Why the execution failed' })).toContainText(
    'Shape "Create customer" failed document',
  );
  // The shapes table says what the failures were, by code.
  await expect(
    page.getByRole('table', { name: 'Shapes' }).getByRole('row', { name: /^Create customer/ }),
  ).toContainText(/\(\d+ × ValidationError\)/);
  const box = await graph.locator('.react-flow__node').first().boundingBox();
  expect(box?.width).toBeLessThan(400);
  // The documents panel opens on the failures of the shape where they happened.
  const docs = page.getByRole('region', { name: 'Documents' });
  await expect(docs.getByLabel('Shape')).toHaveValue('write');
  await expect(docs.getByLabel('Direction')).toHaveValue('failed');
  const error = docs.getByRole('region', { name: /^Error of / });
  await expect(error.getByRole('list', { name: 'Infolog' }).getByRole('listitem').first()).toContainText(
    'must be filled in',
  );
  await expect(error).toContainText('→ 500');
  // The failed documents download as one file, with their errors, to correct and send again.
  const shown = await docs.getByRole('list', { name: 'Documents' }).locator(':scope > li').count();
  const downloading = page.waitForEvent('download');
  await docs.getByRole('button', { name: 'Download JSON' }).click();
  const file = await downloading;
  expect(file.suggestedFilename()).toMatch(/ failed [0-9a-f]{8}\.json$/);
  const saved = JSON.parse(readFileSync((await file.path())!, 'utf8')) as {
    direction: string;
    document: { error?: { message?: string } };
  }[];
  expect(saved).toHaveLength(shown);
  expect(saved.every((d) => d.direction === 'failed' && d.document.error?.message)).toBe(true);
  await page.screenshot({ path: test.info().outputPath('infolog.png'), fullPage: true });
  expect(await unnamedControls(page)).toEqual([]);

  // Run again: a new execution of the same process, in the same mode, that fails the same way.
  await page.getByRole('button', { name: 'Run again' }).click();
  await expect(page).not.toHaveURL(new RegExp(executionId));
  await expect(page.getByText(/^test run · revision 1 · started/)).toBeVisible();
  await expect(page.getByRole('region', { name: 'Why the execution failed' })).toContainText(
    'Shape "Create customer" failed document',
    { timeout: 30_000 },
  );

  // The canvas of the process: every control named too.
  await page.goto(`/components/${processId}`);
  await expect(page.getByRole('region', { name: 'Process canvas', exact: true })).toBeVisible();
  await expect(page.locator('.react-flow__node')).toHaveCount(2);
  expect(await unnamedControls(page)).toEqual([]);
  await page.getByRole('group', { name: 'Shape Create customer' }).click();
  await expect(page.getByRole('complementary', { name: 'Connector shape' })).toBeVisible();
  await page.getByRole('button', { name: 'Shortcuts' }).click();
  await expect(page.getByRole('dialog', { name: 'Keyboard shortcuts' })).toBeVisible();
  expect(await unnamedControls(page)).toEqual([]);
  await page.keyboard.press('Escape');
  // Run from the canvas: the status says how many documents failed.
  await page.getByRole('button', { name: 'Test run', exact: true }).click();
  await expect(page.getByLabel('Run status')).toContainText('failed · 1 document failed', {
    timeout: 30_000,
  });
  await expect(page.getByRole('status', { name: 'Failures of Create customer' })).toHaveText(
    'failed: 1 × ValidationError',
  );

  // API errors: a message and a way to try again, on each page.
  const fail = (route: import('@playwright/test').Route) =>
    route.fulfill({
      status: 500,
      contentType: 'application/problem+json',
      body: '{"detail":"database down"}',
    });
  await page.route((url) => url.pathname === '/api/executions', fail);
  await page.goto('/executions');
  await expect(page.getByRole('alert')).toContainText('Could not load executions');
  await expect(page.getByRole('alert').getByRole('button', { name: 'Try again' })).toBeVisible();
  await page.route((url) => url.pathname === `/api/executions/${executionId}`, fail);
  await page.goto(`/executions/${executionId}`);
  await expect(page.getByRole('alert')).toContainText('Could not load the execution');
  await page.route((url) => url.pathname === `/api/components/${processId}`, fail);
  await page.goto(`/components/${processId}`);
  await expect(page.getByRole('alert')).toContainText('Could not load the component');
  await page.screenshot({ path: test.info().outputPath('api-error.png'), fullPage: true });
});

test('more failed documents than a page: paged through, and the download holds them all', async ({
  page,
}) => {
  await signIn(page);
  const suffix = Date.now().toString(36);
  const documents = Array.from({ length: 230 }, (_, i) => ({ data: { CustomerAccount: `C-${i + 1}` } }));
  const { executionId } = await failingRun(page, suffix, documents);
  await page.goto(`/executions/${executionId}`);
  const docs = page.getByRole('region', { name: 'Documents' });
  // A full run keeps every failed document: the panel opens on them.
  await expect(docs.getByRole('combobox', { name: 'Direction', exact: true })).toHaveValue('failed');
  const pager = docs.getByRole('navigation', { name: 'Pages of documents' });
  const listed = docs.getByRole('list', { name: 'Documents' }).locator(':scope > li');
  await expect(pager).toContainText('1–200 of 230');
  await expect(listed).toHaveCount(200);
  await pager.getByRole('button', { name: 'Next' }).click();
  await expect(pager).toContainText('201–230 of 230');
  await expect(listed).toHaveCount(30);

  const downloading = page.waitForEvent('download');
  await docs.getByRole('button', { name: 'Download JSON' }).click();
  const saved = JSON.parse(readFileSync((await (await downloading).path())!, 'utf8')) as {
    document: { data: { CustomerAccount: string }; error?: { message?: string } };
  }[];
  expect(saved.map((d) => d.document.data.CustomerAccount).sort()).toEqual(
    documents.map((d) => d.data.CustomerAccount).sort(),
  );
  expect(saved.every((d) => d.document.error?.message)).toBe(true);
});

test('updates of documents that carry no ETag: the shapes table and the log say they went without If-Match', async ({
  page,
}) => {
  await signIn(page);
  const suffix = Date.now().toString(36);
  // Built, not read: no ETag to be conditional on (and no such customer, so nothing is changed).
  const documents = [
    { data: { dataAreaId: 'usmf', CustomerAccount: `NONE-${suffix}`, OrganizationName: 'X' } },
  ];
  const { executionId } = await failingRun(page, suffix, documents, 'update');
  await page.goto(`/executions/${executionId}`);
  await expect(
    page.getByRole('table', { name: 'Shapes' }).getByRole('row', { name: /^Update customer/ }),
  ).toContainText('(1 without If-Match)');
  await expect(
    page
      .getByRole('region', { name: 'Process as it ran' })
      .getByRole('status', { name: 'Writes of Update customer without If-Match' }),
  ).toHaveText('1 without If-Match');
  await expect(page.getByRole('list', { name: 'Log' })).toContainText(
    '1 write(s) were sent without If-Match: their documents carried no ETag',
  );
});
