import { defineProject, mergeConfig } from 'vitest/config';
import base from './vitest.config.js';

export default mergeConfig(
  base,
  defineProject({
    test: {
      name: 'reliability-server',
      include: ['src/**/*.reliability.ts'],
      // Fault, crash and load runs move tens of thousands of records: bounded by the suite, not per test.
      testTimeout: 600_000,
      hookTimeout: 120_000,
    },
  }),
);
