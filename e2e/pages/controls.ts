import type { Page } from '@playwright/test';

const controls = 'button|combobox|textbox|checkbox|spinbutton|link|slider|radio|switch|tab|menuitem|listbox';

/** Controls of the page without an accessible name, as lines of its accessibility snapshot. */
export async function unnamedControls(page: Page): Promise<string[]> {
  const snapshot = await page.locator('body').ariaSnapshot();
  const unnamed = new RegExp(`^\\s*- (${controls})( \\[[^\\]]*\\])*(:.*)?$`);
  return snapshot.split('\n').filter((line) => unnamed.test(line));
}
