import { expect, type Page } from '@playwright/test';

/** The Components page, as a person sees it. */
export class ComponentsPage {
  constructor(readonly page: Page) {}

  async open() {
    await this.page.goto('/components');
    await expect(this.page.getByRole('heading', { name: 'Components' })).toBeVisible();
  }

  async createFolder(name: string) {
    const form = this.page.getByRole('form', { name: 'New folder' });
    await form.getByLabel('Folder name').fill(name);
    await form.getByRole('button', { name: 'Create folder' }).click();
    await expect(this.folder(name)).toBeVisible();
  }

  /** Creates a component in `folder`, which opens its editor at revision 1. */
  async openNew(name: string, type: string, folder: string) {
    const form = this.page.getByRole('form', { name: 'New component' });
    await form.getByLabel('Component name').fill(name);
    await form.getByLabel('Component type').selectOption(type);
    await form.getByLabel('In folder').selectOption({ label: folder });
    await form.getByRole('button', { name: 'Create component' }).click();
    // A save, a navigation and the editor's first reads: more than a click's 5 s on a busy machine.
    await expect(this.page.getByRole('heading', { name: `${type} ${name}`, exact: true })).toBeVisible({
      timeout: 15_000,
    });
    await expect(this.page.locator('.editor-header output')).toHaveText('Saved · revision 1');
  }

  /** Creates a map in `folder`, opens it and picks its source and target operations. */
  async openNewMap(name: string, folder: string, source: string, target: string) {
    await this.open();
    await this.openNew(name, 'map', folder);
    await this.pickOperation('Source', source);
    await this.pickOperation('Target', target);
  }

  /** Picks a map's source or target operation by its name (the picker adds its action). */
  async pickOperation(side: 'Source' | 'Target', name: string) {
    const select = this.page.getByLabel(`${side} operation`);
    const label = async () =>
      (await select.locator('option').allTextContents()).find(
        (l) => l === name || l.startsWith(`${name} · `),
      );
    await expect.poll(label).toBeDefined();
    await select.selectOption({ label: (await label())! });
  }

  folder(name: string) {
    return this.page.getByRole('list', { name: 'Folders' }).getByRole('button', { name });
  }

  component(name: string) {
    return this.page.getByRole('table', { name: 'Components' }).getByRole('row').filter({ hasText: name });
  }
}

/** Chooses one of a component row's actions (Rename, Duplicate, Export, Delete) from its menu. */
export async function rowAction(page: Page, component: string, action: string) {
  await page.getByRole('button', { name: `Actions for ${component}`, exact: true }).click();
  await page
    .getByRole('menu', { name: `Actions for ${component}` })
    .getByRole('menuitem', { name: action })
    .click();
}
