import { expect, type Page, test } from '@playwright/test';
import { sandbox } from '../pages/sandbox.js';
import { signIn } from '../pages/sign-in.js';

/** Calls the API with the signed-in session of the page (cookie + CSRF token). */
async function apiCall<T>(page: Page, method: string, path: string, body?: unknown): Promise<T> {
  const me = await (await page.request.get('/api/auth/me')).json();
  const res = await page.request.fetch(path, {
    method,
    headers: { 'x-csrf-token': me.csrfToken, 'if-match': '*' },
    data: body,
  });
  if (!res.ok()) throw new Error(`${method} ${path}: ${res.status()} ${await res.text()}`);
  return res.json() as Promise<T>;
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

async function timed(runs: number, once: () => Promise<number>) {
  const xs: number[] = [];
  for (let i = 0; i < runs; i++) xs.push(await once());
  return median(xs);
}

function processBody(name: string, n: number) {
  const shapes = Array.from({ length: n }, (_, i) =>
    i === 0
      ? { id: 's0', kind: 'start', position: { x: 0, y: 0 }, config: { mode: 'none' } }
      : {
          id: `s${i}`,
          kind: 'message',
          onError: 'failRun',
          position: { x: (i % 20) * 220, y: Math.floor(i / 20) * 120 },
          config: { template: `shape ${i}`, format: 'text' },
        },
  );
  const edges = shapes.slice(1).map((s, i) => ({ id: `e${i}`, from: `s${i}`, handle: 'out', to: s.id }));
  return { schemaVersion: 1, name, shapes, edges };
}

test('designer figures: 300-shape process, customer map editor, tree search (ratios to an empty process)', async ({
  page,
}) => {
  await signIn(page);
  const suffix = Date.now().toString(36);
  const create = (type: string, name: string, body?: unknown) =>
    apiCall<{ id: string }>(page, 'POST', '/api/components', { type, name, ...(body ? { body } : {}) });
  const empty = await create('process', `Empty ${suffix}`, processBody(`Empty ${suffix}`, 0));
  const big = await create('process', `Big ${suffix}`, processBody(`Big ${suffix}`, 300));
  const connection = await create('connection', `Bench sandbox ${suffix}`, {
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
  const { profile } = await apiCall<{ profile: unknown }>(
    page,
    'GET',
    `/api/connections/${connection.id}/entity-sets/CustomersV3/profile`,
  );
  const map = await create('map', `Customers ${suffix}`, {
    schemaVersion: 1,
    name: `Customers ${suffix}`,
    source: { profile },
    target: { profile },
    rules: [],
  });

  const openProcess = (id: string, shapes: number) => async () => {
    await page.goto('/components');
    const t0 = Date.now();
    await page.goto(`/components/${id}`);
    await expect(page.getByText(`${shapes} shapes ·`)).toBeVisible();
    if (shapes > 0) await expect(page.locator('.react-flow__node').first()).toBeVisible();
    return Date.now() - t0;
  };
  const openMap = async () => {
    await page.goto('/components');
    const t0 = Date.now();
    await page.goto(`/components/${map.id}`);
    await expect(
      page.getByRole('tree', { name: 'Target fields' }).getByRole('treeitem').first(),
    ).toBeVisible();
    await expect(
      page.getByRole('tree', { name: 'Source fields' }).getByRole('treeitem').first(),
    ).toBeVisible();
    return Date.now() - t0;
  };
  const search = async () => {
    await page.getByLabel('Search target fields').fill('');
    await page.getByLabel('Search source fields').fill('');
    const t0 = Date.now();
    await page.getByLabel('Search target fields').fill('Invoice');
    await page.getByLabel('Search source fields').fill('Invoice');
    await expect(
      page.getByRole('tree', { name: 'Target fields' }).getByRole('treeitem').first(),
    ).toHaveAccessibleName(/Invoice/);
    await expect(
      page.getByRole('tree', { name: 'Source fields' }).getByRole('treeitem').first(),
    ).toHaveAccessibleName(/Invoice/);
    return Date.now() - t0;
  };

  const baseline = await timed(5, openProcess(empty.id, 0));
  const bigMs = await timed(5, openProcess(big.id, 300));
  const mapMs = await timed(5, openMap);
  const searchMs = await timed(5, search);
  const lines = [
    `empty process open (ms): ${baseline}`,
    `300-shape process open (ms): ${bigMs}`,
    `customer map editor open, both sides (ms): ${mapMs}`,
    `tree search, both trees (ms): ${searchMs}`,
    `300-shape process / empty: ${(bigMs / baseline).toFixed(2)}`,
    `map editor / empty: ${(mapMs / baseline).toFixed(2)}`,
    `tree search / empty: ${(searchMs / baseline).toFixed(2)}`,
  ];
  console.log(lines.join('\n'));
  test.info().annotations.push({ type: 'figures', description: lines.join('; ') });
});
