import { defineConfig } from '@playwright/test';
import base from './playwright.config.js';

// `npx playwright test -c bench.config.ts` (after `pnpm build`): prints figures, asserts none.
export default defineConfig({
  ...base,
  testDir: './bench',
  timeout: 180_000,
  use: { ...base.use, screenshot: 'off' },
});
