import { expect, type Page } from '@playwright/test';
import { ComponentsPage } from './components.page.js';

/** A component's editor page (`/components/:id`), as a person sees it. */
export class EditorPage {
  constructor(readonly page: Page) {}

  /** Creates a component named `name` in a folder of its own and opens its editor, at revision 1. */
  static async ofNew(page: Page, name: string, type = 'map') {
    const components = new ComponentsPage(page);
    await components.open();
    // Not named after the component: every row's folder picker lists every folder's name.
    const folder = `Folder ${Math.random().toString(36).slice(2, 10)}`;
    await components.createFolder(folder);
    await components.openNew(name, type, folder);
    return new EditorPage(page);
  }

  async open(url: string) {
    await this.page.goto(url);
    await expect(this.status).toBeVisible();
  }

  get status() {
    return this.page.locator('.editor-header output');
  }

  get saveButton() {
    return this.page.getByRole('button', { name: 'Save', exact: true });
  }

  async save() {
    await this.saveButton.click();
    await expect(this.status).toContainText('Saved');
  }

  get conflict() {
    return this.page.getByRole('dialog', { name: 'Someone else saved this component' });
  }
}
