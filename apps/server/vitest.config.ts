import { defineProject } from 'vitest/config';

export default defineProject({
  test: {
    name: 'server',
    globalSetup: ['./src/test/global-setup.ts'],
    // Tests run their sandboxes and proxies on this machine: let connections reach it.
    env: { FLOWLINE_ALLOWED_HOSTS: '127.0.0.1,localhost' },
    testTimeout: 30_000,
    hookTimeout: 60_000,
  },
});
