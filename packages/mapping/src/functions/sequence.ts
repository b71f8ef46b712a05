import { defineFunction } from './types.js';

/** Counters: numbered lines, running numbers across the documents of a run. */
export const sequenceFunctions = [
  defineFunction({
    id: 'sequence',
    category: 'sequence',
    pure: false,
    description: 'Next number of a named counter (kept across documents; the host may persist it).',
    inputs: [
      { name: 'name', type: 'string', description: 'counter name' },
      { name: 'start', type: 'integer', description: 'first number (1 by default)', optional: true },
      { name: 'step', type: 'integer', description: 'increment (1 by default)', optional: true },
    ],
    output: 'integer',
    examples: [
      { args: ['order'], result: 1 },
      { args: ['order', 1, 10], result: 21, env: { counters: new Map([['order', 11]]) } },
    ],
    impl: ([name, start, step], env) => {
      const key = String(name);
      const prev = env.counters.get(key);
      const next =
        prev === undefined
          ? typeof start === 'number'
            ? start
            : 1
          : prev + (typeof step === 'number' ? step : 1);
      env.counters.set(key, next);
      return next;
    },
  }),
  defineFunction({
    id: 'position',
    category: 'sequence',
    description: 'Position (1-based) of the current element of the loop; 0 outside loops.',
    inputs: [],
    output: 'integer',
    examples: [{ args: [], result: 3, env: { position: 3 } }],
    impl: (_, env) => env.position,
  }),
];
