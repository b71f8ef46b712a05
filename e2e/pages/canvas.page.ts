import { expect, type Locator, type Page } from '@playwright/test';
import { ComponentsPage } from './components.page.js';
import { EditorPage } from './editor.page.js';

/** The process canvas, as a person uses it. */
export class CanvasPage {
  readonly editor: EditorPage;
  constructor(readonly page: Page) {
    this.editor = new EditorPage(page);
  }

  async create(name: string, folder: string) {
    const components = new ComponentsPage(this.page);
    await components.open();
    await components.createFolder(folder);
    await components.openNew(name, 'process', folder);
    await expect(this.canvas).toBeVisible();
  }

  get canvas() {
    return this.page.getByRole('region', { name: 'Process canvas', exact: true });
  }

  /** Whether `shape` lies wholly inside the canvas as shown (not past its edge, where no one sees it). */
  async shows(shape: Locator) {
    const [c, s] = await Promise.all([this.canvas.boundingBox(), shape.boundingBox()]);
    if (!c || !s) return false;
    return s.x >= c.x && s.y >= c.y && s.x + s.width <= c.x + c.width && s.y + s.height <= c.y + c.height;
  }

  shapes() {
    return this.canvas.locator('.react-flow__node');
  }

  async add(label: string) {
    await this.page
      .getByRole('complementary', { name: 'Palette' })
      .getByRole('button', { name: `Add ${label}` })
      .click();
  }

  button(name: string) {
    return this.page.getByRole('toolbar', { name: 'Canvas' }).getByRole('button', { name, exact: true });
  }
}
