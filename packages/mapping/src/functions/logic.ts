import { toText } from '../convert.js';
import { decCompare } from '../decimal.js';
import { isEmpty } from '../errors.js';
import { defineFunction } from './types.js';

const NUMERIC = /^[+-]?(\d+\.?\d*|\.\d+)$/;
const numeric = (v: unknown): boolean =>
  typeof v === 'number' || typeof v === 'bigint' || (typeof v === 'string' && NUMERIC.test(v));

/** Equality that sees 1, '1.0' and 1n as equal numbers (exact), and compares everything else by text. */
export function looseEquals(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (isEmpty(a) || isEmpty(b)) return isEmpty(a) && isEmpty(b);
  if (numeric(a) && numeric(b)) return decCompare(a, b) === 0;
  if (typeof a === 'object' || typeof b === 'object') return false;
  return toText(a) === toText(b);
}

/** Truthiness of a condition: false, 0, '', 'false', 'No', null and undefined are false. */
export function truthy(v: unknown): boolean {
  if (typeof v === 'boolean') return v;
  if (isEmpty(v) || v === 0) return false;
  if (typeof v === 'string') {
    const t = v.toLowerCase();
    return t !== 'false' && t !== 'no' && t !== '0';
  }
  return true;
}

/** Logic functions. */
export const logicFunctions = [
  defineFunction({
    id: 'if',
    category: 'logic',
    description: 'One of two values depending on a condition (false, 0, empty, "No" are false).',
    inputs: [
      { name: 'condition', type: 'boolean', description: 'the test' },
      { name: 'then', type: 'any', description: 'value when true' },
      { name: 'else', type: 'any', description: 'value when false', optional: true },
    ],
    output: 'any',
    examples: [
      { args: [true, 'A', 'B'], result: 'A' },
      { args: ['No', 'A', 'B'], result: 'B' },
    ],
    impl: ([c, t, e]) => (truthy(c) ? t : (e ?? null)),
  }),
  defineFunction({
    id: 'coalesce',
    category: 'logic',
    description: 'The first input that is not empty.',
    inputs: [{ name: 'values', type: 'any', description: 'candidates in order', variadic: true }],
    output: 'any',
    examples: [{ args: [null, '', 'x', 'y'], result: 'x' }],
    impl: (args) => {
      for (const a of args) if (!isEmpty(a)) return a;
      return null;
    },
  }),
  defineFunction({
    id: 'default',
    category: 'logic',
    description: 'The value, or a fallback when the value is empty.',
    inputs: [
      { name: 'value', type: 'any', description: 'the value' },
      { name: 'fallback', type: 'any', description: 'used when empty' },
    ],
    output: 'any',
    examples: [
      { args: ['', 'USD'], result: 'USD' },
      { args: ['EUR', 'USD'], result: 'EUR' },
    ],
    impl: ([v, f]) => (isEmpty(v) ? f : v),
  }),
  defineFunction({
    id: 'equals',
    category: 'logic',
    description: 'Whether two values are equal (numbers exactly, whatever their form; others by text).',
    inputs: [
      { name: 'a', type: 'any', description: 'first value' },
      { name: 'b', type: 'any', description: 'second value' },
    ],
    output: 'boolean',
    examples: [
      { args: [1, '1.0'], result: true },
      { args: ['usmf', 'USMF'], result: false },
    ],
    impl: ([a, b]) => looseEquals(a, b),
  }),
  defineFunction({
    id: 'greaterThan',
    category: 'logic',
    description: 'Whether a > b (numbers exactly, otherwise by text).',
    inputs: [
      { name: 'a', type: 'any', description: 'first value' },
      { name: 'b', type: 'any', description: 'second value' },
    ],
    output: 'boolean',
    examples: [
      { args: [10, 9.5], result: true },
      { args: ['2026-01-02', '2026-01-01'], result: true },
    ],
    impl: ([a, b]) => (numeric(a) && numeric(b) ? decCompare(a, b) > 0 : toText(a ?? '') > toText(b ?? '')),
  }),
  defineFunction({
    id: 'and',
    category: 'logic',
    description: 'True when every input is true.',
    inputs: [{ name: 'values', type: 'boolean', description: 'conditions', variadic: true }],
    output: 'boolean',
    examples: [{ args: [true, 'Yes', 1], result: true }],
    impl: (args) => args.every(truthy),
  }),
  defineFunction({
    id: 'or',
    category: 'logic',
    description: 'True when any input is true.',
    inputs: [{ name: 'values', type: 'boolean', description: 'conditions', variadic: true }],
    output: 'boolean',
    examples: [{ args: [false, 'No', 1], result: true }],
    impl: (args) => args.some(truthy),
  }),
  defineFunction({
    id: 'not',
    category: 'logic',
    description: 'The opposite of a condition.',
    inputs: [{ name: 'value', type: 'boolean', description: 'the condition' }],
    output: 'boolean',
    examples: [{ args: ['No'], result: true }],
    impl: ([v]) => !truthy(v),
  }),
  defineFunction({
    id: 'isEmpty',
    category: 'logic',
    description: 'Whether a value is empty (missing, null or empty text).',
    inputs: [{ name: 'value', type: 'any', description: 'the value' }],
    output: 'boolean',
    examples: [
      { args: [''], result: true },
      { args: [0], result: false },
    ],
    impl: ([v]) => isEmpty(v),
  }),
];
