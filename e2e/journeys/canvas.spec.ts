import { expect, test } from '@playwright/test';
import { CanvasPage } from '../pages/canvas.page.js';
import { signIn } from '../pages/sign-in.js';

test('undo and redo a canvas edit', async ({ page }) => {
  await signIn(page);
  const suffix = Date.now().toString(36);
  const canvas = new CanvasPage(page);
  await canvas.create(`Copy customers ${suffix}`, `Processes ${suffix}`);
  await expect(canvas.shapes()).toHaveCount(0);

  await canvas.add('Start');
  await canvas.add('Message');
  await expect(canvas.shapes()).toHaveCount(2);
  // Unconfigured shapes carry a badge naming the problem.
  await expect(canvas.canvas.getByRole('img', { name: /^Problem:/ }).first()).toBeVisible();
  await expect(canvas.editor.status).toHaveText('Unsaved changes');

  // Connect start → message by dragging from the start's "out" handle.
  const [start, message] = [canvas.shapes().nth(0), canvas.shapes().nth(1)];
  await start.locator('.react-flow__handle.source').dragTo(message.locator('.react-flow__handle.target'));
  await expect(canvas.canvas.locator('.react-flow__edge')).toHaveCount(1);

  await canvas.button('Undo').click();
  await expect(canvas.canvas.locator('.react-flow__edge')).toHaveCount(0);
  await canvas.button('Undo').click();
  await expect(canvas.shapes()).toHaveCount(1);
  await canvas.button('Redo').click();
  await expect(canvas.shapes()).toHaveCount(2);

  // The keyboard does the same.
  await canvas.canvas.focus();
  await page.keyboard.press('Control+z');
  await expect(canvas.shapes()).toHaveCount(1);
  await page.keyboard.press('Control+Shift+z');
  await expect(canvas.shapes()).toHaveCount(2);
  await page.keyboard.press('Control+y');
  await expect(canvas.canvas.locator('.react-flow__edge')).toHaveCount(1);

  await canvas.button('Tidy up').click();
  await canvas.button('Shortcuts').click();
  await expect(page.getByRole('dialog', { name: 'Keyboard shortcuts' })).toContainText('Undo');
  await page.screenshot({ path: test.info().outputPath('canvas.png'), fullPage: true });
  await page
    .getByRole('dialog', { name: 'Keyboard shortcuts' })
    .getByRole('button', { name: 'Close' })
    .click();

  await canvas.editor.save();
  await page.reload();
  await expect(canvas.shapes()).toHaveCount(2);
  await expect(canvas.canvas.locator('.react-flow__edge')).toHaveCount(1);
});

test('copy, paste and delete shapes; a wrong connection is refused with its reason', async ({ page }) => {
  await signIn(page);
  const suffix = Date.now().toString(36);
  const canvas = new CanvasPage(page);
  await canvas.create(`Canvas edits ${suffix}`, `Canvas ${suffix}`);
  await canvas.add('Start');
  await canvas.add('Stop');
  await expect(canvas.shapes()).toHaveCount(2);

  await canvas.shapes().nth(1).click();
  await expect(page.getByRole('complementary', { name: 'Stop shape' })).toBeVisible();
  await canvas.button('Copy').click();
  await canvas.button('Paste').click();
  await expect(canvas.shapes()).toHaveCount(3);
  await canvas.button('Delete').click();
  await expect(canvas.shapes()).toHaveCount(2);
  await canvas.button('Undo').click();
  await expect(canvas.shapes()).toHaveCount(3);

  // One edge per handle: a second edge from the start's "out" is refused, and the reason shown.
  const start = canvas.shapes().nth(0);
  await start
    .locator('.react-flow__handle.source')
    .dragTo(canvas.shapes().nth(1).locator('.react-flow__handle.target'));
  await expect(canvas.canvas.locator('.react-flow__edge')).toHaveCount(1);
  await start
    .locator('.react-flow__handle.source')
    .dragTo(canvas.shapes().nth(2).locator('.react-flow__handle.target'));
  await expect(page.getByRole('status').filter({ hasText: 'Cannot connect' })).toBeVisible();
  await expect(canvas.canvas.locator('.react-flow__edge')).toHaveCount(1);
});

test('the view goes back to where it was when the inspector closes', async ({ page }) => {
  await signIn(page);
  const suffix = Date.now().toString(36);
  const canvas = new CanvasPage(page);
  await canvas.create(`Canvas view ${suffix}`, `Canvas ${suffix}`);
  await canvas.add('Start');
  await canvas.add('Stop');
  await expect(canvas.shapes()).toHaveCount(2);

  // Panned so the shapes sit at the canvas's right edge, where the inspector will open.
  const box = (await canvas.canvas.boundingBox())!;
  await page.mouse.move(box.x + 20, box.y + box.height - 20);
  await page.mouse.down();
  await page.mouse.move(box.x + box.width - 440, box.y + box.height - 20, { steps: 8 });
  await page.mouse.up();
  const viewport = canvas.canvas.locator('.react-flow__viewport');
  const panned = await viewport.getAttribute('style');

  await canvas.shapes().nth(1).click();
  await expect(page.getByRole('complementary', { name: 'Stop shape' })).toBeVisible();
  await expect.poll(() => canvas.shows(canvas.shapes().nth(1))).toBe(true);
  await expect.poll(() => viewport.getAttribute('style')).not.toBe(panned);

  // Escape selects nothing: the inspector closes and the view is as it was.
  await page.keyboard.press('Escape');
  await expect(page.getByRole('complementary', { name: 'Stop shape' })).toHaveCount(0);
  await expect.poll(() => viewport.getAttribute('style')).toBe(panned);

  // So does a click on the empty pane; but a view the person moved meanwhile stays where they put it.
  await canvas.shapes().nth(1).click();
  await expect(page.getByRole('complementary', { name: 'Stop shape' })).toBeVisible();
  const narrowed = (await canvas.canvas.boundingBox())!;
  const shown = await viewport.getAttribute('style');
  // Over the canvas (not the inspector, which may now be where the shape was clicked).
  await page.mouse.move(narrowed.x + narrowed.width / 2, narrowed.y + narrowed.height / 2);
  await page.mouse.wheel(0, 200);
  await expect.poll(() => viewport.getAttribute('style')).not.toBe(shown);
  await page.mouse.click(narrowed.x + 20, narrowed.y + 20);
  await expect(page.getByRole('complementary', { name: 'Stop shape' })).toHaveCount(0);
  await expect.poll(() => canvas.shows(canvas.shapes().nth(1))).toBe(true);
  expect(await viewport.getAttribute('style')).not.toBe(panned);
});

test('shapes are connected from the inspector, without dragging; a cycle is refused there', async ({
  page,
}) => {
  await signIn(page);
  const suffix = Date.now().toString(36);
  const canvas = new CanvasPage(page);
  await canvas.create(`Canvas outputs ${suffix}`, `Canvas ${suffix}`);
  await canvas.add('Start');
  await canvas.add('Message');
  await canvas.add('Stop');
  await expect(canvas.shapes()).toHaveCount(3);
  const edges = canvas.canvas.locator('.react-flow__edge');

  await canvas.canvas.getByRole('group', { name: 'Shape Start' }).click();
  const start = page.getByRole('complementary', { name: 'Start shape' });
  await start.getByRole('combobox', { name: 'Next shape' }).selectOption({ label: 'Message' });
  await expect(edges).toHaveCount(1);

  await canvas.canvas.getByRole('group', { name: 'Shape Message' }).click();
  const message = page.getByRole('complementary', { name: 'Message shape' });
  const next = message.getByRole('combobox', { name: 'Next shape' });
  // A shape that cannot take documents in (the start) is not offered.
  await expect(next.locator('option')).toHaveText(['(nowhere)', 'Stop']);
  await next.selectOption({ label: 'Stop' });
  await expect(edges).toHaveCount(2);
  await expect(page.getByText('3 shapes · 2 edges')).toBeVisible();

  // The stop has no way out; a second message leading back to the first would make a cycle.
  await canvas.canvas.getByRole('group', { name: 'Shape Stop' }).click();
  await expect(
    page.getByRole('complementary', { name: 'Stop shape' }).getByRole('combobox', { name: 'Next shape' }),
  ).toHaveCount(0);
  await page.keyboard.press('Escape');
  await canvas.add('Message');
  await canvas.shapes().last().click();
  const second = page.getByRole('complementary', { name: 'Message shape' });
  await second.getByRole('combobox', { name: 'Next shape' }).selectOption({ label: 'Message #1' });
  await expect(edges).toHaveCount(3);
  await canvas.canvas.getByRole('group', { name: 'Shape Message' }).first().click();
  const first = page.getByRole('complementary', { name: 'Message shape' });
  // Re-pointed from the stop to the second message: refused, and the edge to the stop stays.
  const firstNext = first.getByRole('combobox', { name: 'Next shape' });
  await expect(firstNext.locator('option')).toHaveText(['(nowhere)', 'Stop', 'Message #2']);
  await firstNext.selectOption({ label: 'Message #2' });
  await expect(first.getByRole('alert')).toHaveText(
    'Cannot connect: Connecting the Message shape to another Message shape would make a cycle; documents would flow forever.',
  );
  await page.screenshot({ path: test.info().outputPath('outputs.png'), fullPage: true });
  await expect(edges).toHaveCount(3);
  await expect(firstNext.locator('option:checked')).toHaveText('Stop');

  // Re-pointing is one step: undo puts the edge back where it was.
  await firstNext.selectOption({ label: '(nowhere)' });
  await expect(edges).toHaveCount(2);
  await canvas.button('Undo').click();
  await expect(edges).toHaveCount(3);
});

test('a process that starts from given documents asks for them when run from the canvas', async ({
  page,
}) => {
  await signIn(page);
  const suffix = Date.now().toString(36);
  const canvas = new CanvasPage(page);
  await canvas.create(`Given documents ${suffix}`, `Canvas ${suffix}`);
  await canvas.add('Start');
  await canvas.add('Stop');
  await canvas.canvas.getByRole('group', { name: 'Shape Start' }).click();
  const start = page.getByRole('complementary', { name: 'Start shape' });
  await start.getByLabel('Documents come from').selectOption('documents');
  await start.getByRole('combobox', { name: 'Next shape' }).selectOption({ label: 'Stop' });
  await canvas.editor.save();

  await page.getByRole('button', { name: 'Test run…', exact: true }).click();
  const dialog = page.getByRole('dialog', { name: 'Test run with documents' });
  const text = dialog.getByLabel('Documents (JSON)');
  // It opens on an example of the shape documents take, ready to type over.
  await expect(dialog.getByRole('button', { name: 'Run with 1 document' })).toBeVisible();
  await expect(text).toBeFocused();
  await text.fill('');
  await dialog.getByRole('button', { name: 'Run', exact: true }).click();
  await expect(dialog.getByRole('alert')).toContainText('Not JSON: ');
  await text.fill('[{"CustomerAccount": "A-1"}, 7]');
  await dialog.getByRole('button', { name: 'Run', exact: true }).click();
  await expect(dialog.getByRole('alert')).toHaveText('Document 2 is 7: each document must be a JSON object.');
  await text.fill('[{"CustomerAccount": "A-1"}, {"id": "second", "data": {"CustomerAccount": "A-2"}}]');
  await dialog.getByRole('button', { name: 'Run with 2 documents' }).click();
  await expect(dialog).toHaveCount(0);
  await expect(page.getByLabel('Run status')).toContainText('succeeded', { timeout: 60_000 });
  await expect(page.getByLabel('Counts of Start')).toContainText('out 2');

  // The text stays for the next run; Escape leaves without running.
  await page.getByRole('button', { name: 'Run full…', exact: true }).click();
  const again = page.getByRole('dialog', { name: 'Full run with documents' });
  await expect(again.getByLabel('Documents (JSON)')).toHaveValue(/"second"/);
  await page.keyboard.press('Escape');
  await expect(again).toHaveCount(0);
  await expect(page.getByRole('button', { name: 'Run full…', exact: true })).toBeFocused();

  // The Processes page knows it takes documents: its test run asks for them there, then opens the run.
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Processes' }).click();
  const testRun = page.getByRole('button', { name: `Test run Given documents ${suffix}` });
  await expect(testRun).toHaveText('Test run…');
  await testRun.click();
  const fromList = page.getByRole('dialog', { name: `Test run of Given documents ${suffix} with documents` });
  await fromList.getByLabel('Documents (JSON)').fill('[{"CustomerAccount": "A-3"}]');
  await fromList.getByRole('button', { name: 'Run with 1 document' }).click();
  await expect(page).toHaveURL(/\/executions\/[0-9a-f-]{36}$/);
  await expect(page.getByRole('heading', { level: 1 })).toContainText(`Given documents ${suffix}`);
});

test('arrow keys move the selected shape, as one undo step, and the move is saved', async ({ page }) => {
  await signIn(page);
  const suffix = Date.now().toString(36);
  const canvas = new CanvasPage(page);
  await canvas.create(`Canvas keys ${suffix}`, `Canvas ${suffix}`);
  await canvas.add('Start');
  const shape = canvas.shapes().first();
  const at = async () => {
    const transform = await shape.evaluate((n) => (n as HTMLElement).style.transform);
    const [, x, y] = /translate\((-?[\d.]+)px, ?(-?[\d.]+)px\)/.exec(transform) ?? [];
    return { x: Number(x), y: Number(y) };
  };
  await shape.click();
  const before = await at();
  for (let i = 0; i < 3; i++) await page.keyboard.press('ArrowRight');
  await page.keyboard.press('ArrowDown');
  await expect.poll(at).toEqual({ x: before.x + 15, y: before.y + 5 });
  await expect(canvas.editor.status).toHaveText('Unsaved changes');

  // The presses in a row are one step.
  await canvas.button('Undo').click();
  await expect.poll(at).toEqual(before);
  await canvas.button('Redo').click();
  await expect.poll(at).toEqual({ x: before.x + 15, y: before.y + 5 });
  await canvas.editor.save();
  await page.reload();
  await expect.poll(at).toEqual({ x: before.x + 15, y: before.y + 5 });
});

test('a shape is found by name: selected and brought into view, Enter goes to the next', async ({ page }) => {
  await signIn(page);
  const suffix = Date.now().toString(36);
  const canvas = new CanvasPage(page);
  await canvas.create(`Canvas find ${suffix}`, `Canvas ${suffix}`);
  for (const kind of ['Start', 'Message', 'Stop', 'Message']) await canvas.add(kind);
  await expect(canvas.shapes()).toHaveCount(4);
  // The view moved off the shapes, as after working elsewhere on a large process.
  const box = (await canvas.canvas.boundingBox())!;
  for (let i = 0; i < 2; i++) {
    await page.mouse.move(box.x + box.width - 20, box.y + 20);
    await page.mouse.down();
    await page.mouse.move(box.x + 20, box.y + 20, { steps: 8 });
    await page.mouse.up();
  }
  await expect.poll(() => canvas.shows(canvas.shapes().nth(1))).toBe(false);

  const finder = page.getByRole('form', { name: 'Find a shape' });
  await finder.getByRole('searchbox', { name: 'Find a shape' }).fill('mess');
  await expect(finder.getByRole('status')).toHaveText('2 found');
  await page.keyboard.press('Enter');
  await expect(finder.getByRole('status')).toHaveText('1 of 2');
  await expect(page.getByRole('complementary', { name: 'Message shape' })).toBeVisible();
  await expect.poll(() => canvas.shows(canvas.shapes().nth(1))).toBe(true);
  await page.keyboard.press('Enter');
  await expect(finder.getByRole('status')).toHaveText('2 of 2');
  await expect.poll(() => canvas.shows(canvas.shapes().nth(3))).toBe(true);
  await expect(canvas.shapes().nth(3)).toHaveClass(/selected/);
  await page.screenshot({ path: test.info().outputPath('find.png') });
  await finder.getByRole('searchbox', { name: 'Find a shape' }).fill('nothing like it');
  await expect(finder.getByRole('status')).toHaveText('none');
});
