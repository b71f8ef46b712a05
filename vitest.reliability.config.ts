import { defineConfig } from 'vitest/config';

// `pnpm test:reliability`: the hardening suite (docs/reliability.md). Its files end in
// `.reliability.ts` so the everyday `pnpm test:unit` run never picks them up.
export default defineConfig({
  test: {
    projects: [
      'apps/server/vitest.reliability.config.ts',
      'packages/d365-connector/vitest.reliability.config.ts',
    ],
  },
});
