import { expect, type Page } from '@playwright/test';

/** A component's editor page (`/components/:id`), as a person sees it. */
export class EditorPage {
  constructor(readonly page: Page) {}

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
