import { type CDPSession, expect, type Page, test } from '@playwright/test';
import { apiCall } from '../pages/api.js';
import { sandbox } from '../pages/sandbox.js';
import { signIn } from '../pages/sign-in.js';

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

/** CPU time of the page's main thread (ms): unlike wall time, barely moved by other load on the machine. */
async function threadMs(cdp: CDPSession) {
  const { metrics } = await cdp.send('Performance.getMetrics');
  return (metrics.find((m) => m.name === 'ThreadTime')?.value ?? 0) * 1000;
}

const create = (page: Page, type: string, name: string, body?: unknown) =>
  apiCall<{ id: string }>(page, 'POST', '/api/components', { type, name, ...(body ? { body } : {}) });

/** Opens a process from another page; answers wall time and main-thread CPU time until its shapes show. */
async function openProcess(page: Page, cdp: CDPSession, id: string, shapes: number) {
  await page.goto('/components');
  const t0 = Date.now();
  const cpu0 = await threadMs(cdp);
  await page.goto(`/components/${id}`);
  // CSS locators: a text search walks the whole page at every poll, and that cost grows with the canvas.
  await expect(page.locator('.canvas-message', { hasText: `${shapes} shapes ·` })).toBeVisible();
  if (shapes > 0) await expect(page.locator('.react-flow__node').first()).toBeVisible();
  return { wall: Date.now() - t0, cpu: (await threadMs(cdp)) - cpu0 };
}

function report(lines: string[]) {
  console.log(lines.join('\n'));
  test.info().annotations.push({ type: 'figures', description: lines.join('; ') });
}

test('designer figures: 300-shape process (ratio to an empty process)', async ({ page }) => {
  await signIn(page);
  const suffix = Date.now().toString(36);
  const empty = await create(page, 'process', `Empty ${suffix}`, processBody(`Empty ${suffix}`, 0));
  const big = await create(page, 'process', `Big ${suffix}`, processBody(`Big ${suffix}`, 300));
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Performance.enable');
  // Alternating empty and big opens: a burst of load elsewhere on the machine hits both alike.
  const emptyRuns: { wall: number; cpu: number }[] = [];
  const bigRuns: { wall: number; cpu: number }[] = [];
  for (let i = 0; i < 5; i++) {
    emptyRuns.push(await openProcess(page, cdp, empty.id, 0));
    bigRuns.push(await openProcess(page, cdp, big.id, 300));
  }
  const [emptyMs, bigMs] = [median(emptyRuns.map((r) => r.wall)), median(bigRuns.map((r) => r.wall))];
  // Typing in the inspector of one shape of the big process: each keystroke is an edit of the process.
  const typing: { wall: number; cpu: number }[] = [];
  for (let i = 0; i < 5; i++) {
    await page.locator('.react-flow__node[data-id="s150"]').click();
    const template = page.getByRole('complementary', { name: 'Message shape' }).getByLabel('Template');
    await template.fill('');
    const t0 = Date.now();
    const cpu0 = await threadMs(cdp);
    await template.pressSequentially('0123456789');
    await expect(template).toHaveValue('0123456789');
    typing.push({ wall: Date.now() - t0, cpu: (await threadMs(cdp)) - cpu0 });
  }
  const [emptyCpu, bigCpu] = [median(emptyRuns.map((r) => r.cpu)), median(bigRuns.map((r) => r.cpu))];
  report([
    `empty process open (ms): ${emptyMs}`,
    `300-shape process open (ms): ${bigMs}`,
    `empty process open, main-thread CPU (ms): ${emptyCpu.toFixed(0)}`,
    `300-shape process open, main-thread CPU (ms): ${bigCpu.toFixed(0)}`,
    `300-shape process, 10 keystrokes in the inspector (ms): ${median(typing.map((r) => r.wall))}`,
    `300-shape process, 10 keystrokes in the inspector, main-thread CPU (ms): ${median(typing.map((r) => r.cpu)).toFixed(0)}`,
    `300-shape process / empty, main-thread CPU: ${(bigCpu / emptyCpu).toFixed(2)}`,
    `300-shape process / empty: ${(bigMs / emptyMs).toFixed(2)}`,
  ]);
});

test('designer figures: customer map editor, tree search (ratios to an empty process)', async ({ page }) => {
  await signIn(page);
  const suffix = Date.now().toString(36);
  const empty = await create(page, 'process', `Empty ${suffix}`, processBody(`Empty ${suffix}`, 0));
  const connection = await create(page, 'connection', `Bench sandbox ${suffix}`, {
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
  const map = await create(page, 'map', `Customers ${suffix}`, {
    schemaVersion: 1,
    name: `Customers ${suffix}`,
    source: { profile },
    target: { profile },
    rules: [],
  });
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Performance.enable');

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

  const baseline = await timed(5, async () => (await openProcess(page, cdp, empty.id, 0)).wall);
  const mapMs = await timed(5, openMap);
  const searchMs = await timed(5, search);
  report([
    `empty process open (ms): ${baseline}`,
    `customer map editor open, both sides (ms): ${mapMs}`,
    `tree search, both trees (ms): ${searchMs}`,
    `map editor / empty: ${(mapMs / baseline).toFixed(2)}`,
    `tree search / empty: ${(searchMs / baseline).toFixed(2)}`,
  ]);
});
