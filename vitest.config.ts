import { defineConfig } from 'vitest/config';

// One run for every package; each package may add its own setup through `projects`.
export default defineConfig({
  test: {
    projects: ['packages/*', 'apps/server', 'apps/web'],
  },
});
