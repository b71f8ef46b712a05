import { defineProject, mergeConfig } from 'vitest/config';
import base from './vitest.config.js';

export default mergeConfig(
  base,
  defineProject({
    test: { name: 'reliability-connector', include: ['src/**/*.reliability.ts'], testTimeout: 300_000 },
  }),
);
