import { expect, type Page } from '@playwright/test';
import { ComponentsPage } from './components.page.js';
import { EditorPage } from './editor.page.js';

/** The operation builder, as a person uses it. */
export class OperationBuilderPage {
  readonly editor: EditorPage;
  constructor(readonly page: Page) {
    this.editor = new EditorPage(page);
  }

  async create(name: string, folder: string) {
    const components = new ComponentsPage(this.page);
    await components.open();
    await components.openNew(name, 'operation', folder);
  }

  /** Creates an operation on `connection` with its action and entity set, then saves it. */
  async build(
    name: string,
    folder: string,
    choices: { connection: string; action: string; entitySet: string },
    more?: () => Promise<void>,
  ) {
    await this.create(name, folder);
    await this.page
      .getByRole('combobox', { name: 'Connection', exact: true })
      .selectOption({ label: choices.connection });
    await this.page.getByRole('combobox', { name: 'Action', exact: true }).selectOption(choices.action);
    await this.pickEntitySet(choices.entitySet, choices.entitySet);
    await more?.();
    await this.editor.save();
  }

  async pickEntitySet(search: string, name: string) {
    await this.page.getByLabel('Search entity sets').fill(search);
    await this.page
      .getByRole('listbox', { name: 'Entity sets' })
      .getByRole('option', { name: new RegExp(`^${name}\\b`) })
      .click();
    await expect(this.page.getByRole('tree', { name: 'Profile' })).toBeVisible();
  }

  get preview() {
    return this.page.getByTestId('odata-request');
  }
}
