import { Dec, decAdd, decDiv, decMul, decRound, decSub, fromDec, toDec } from '../decimal.js';
import { isEmpty, MappingError, show } from '../errors.js';
import { defineFunction } from './types.js';

const bin =
  (op: (a: unknown, b: unknown) => unknown) =>
  ([a, b]: unknown[]): unknown =>
    isEmpty(a) || isEmpty(b) ? null : op(a, b);

const sep = (v: unknown, fallback: string): string => (typeof v === 'string' ? v : fallback);

/** Groups the integer digits of a plain decimal text. */
function group(fixed: string, decimalSep: string, thousands: string): string {
  const neg = fixed.startsWith('-');
  const [int = '', frac] = (neg ? fixed.slice(1) : fixed).split('.');
  const grouped = thousands === '' ? int : int.replace(/\B(?=(\d{3})+(?!\d))/g, thousands);
  return `${neg ? '-' : ''}${grouped}${frac === undefined ? '' : decimalSep + frac}`;
}

/** Number functions; all exact on decimals (see decimal.ts for the number/string policy). */
export const numberFunctions = [
  defineFunction({
    id: 'add',
    category: 'number',
    description: 'Sum of the inputs, exact on decimals. Empty if any input is empty.',
    inputs: [{ name: 'values', type: 'decimal', description: 'numbers to add', variadic: true }],
    output: 'decimal',
    examples: [
      { args: [0.1, 0.2], result: 0.3 },
      { args: [1, 2, 3.5], result: 6.5 },
      { args: ['9007199254740993', 1], result: '9007199254740994' },
      { args: [1, null], result: null },
    ],
    impl: (args) => {
      let acc: unknown = args[0];
      if (isEmpty(acc)) return null;
      for (let i = 1; i < args.length; i++) {
        if (isEmpty(args[i])) return null;
        acc = decAdd(acc, args[i]);
      }
      return typeof acc === 'number' || typeof acc === 'string' ? acc : fromDec(toDec(acc));
    },
  }),
  defineFunction({
    id: 'subtract',
    category: 'number',
    description: 'a - b, exact on decimals.',
    inputs: [
      { name: 'a', type: 'decimal', description: 'minuend' },
      { name: 'b', type: 'decimal', description: 'subtrahend' },
    ],
    output: 'decimal',
    examples: [{ args: [0.3, 0.1], result: 0.2 }],
    impl: bin(decSub),
  }),
  defineFunction({
    id: 'multiply',
    category: 'number',
    description: 'a * b, exact on decimals.',
    inputs: [
      { name: 'a', type: 'decimal', description: 'factor' },
      { name: 'b', type: 'decimal', description: 'factor' },
    ],
    output: 'decimal',
    examples: [
      { args: [1.1, 3], result: 3.3 },
      { args: ['12345678901234567.89', 10], result: '123456789012345678.9' },
    ],
    impl: bin(decMul),
  }),
  defineFunction({
    id: 'divide',
    category: 'number',
    description: 'a / b, rounded half away from zero to a scale when given. Division by zero fails.',
    inputs: [
      { name: 'a', type: 'decimal', description: 'dividend' },
      { name: 'b', type: 'decimal', description: 'divisor' },
      { name: 'scale', type: 'integer', description: 'digits after the point', optional: true },
    ],
    output: 'decimal',
    examples: [
      { args: [1, 4], result: 0.25 },
      { args: [10, 3, 2], result: 3.33 },
    ],
    impl: ([a, b, scale]) =>
      isEmpty(a) || isEmpty(b) ? null : decDiv(a, b, typeof scale === 'number' ? scale : undefined),
  }),
  defineFunction({
    id: 'round',
    category: 'number',
    description: 'Rounds half away from zero to a number of digits after the point (0 by default).',
    inputs: [
      { name: 'value', type: 'decimal', description: 'the number' },
      { name: 'digits', type: 'integer', description: 'digits after the point', optional: true },
    ],
    output: 'decimal',
    examples: [
      { args: [2.675, 2], result: 2.68 },
      { args: [-1.5], result: -2 },
      { args: [1.005, 2], result: 1.01 },
    ],
    impl: ([v, digits]) => (isEmpty(v) ? null : decRound(v, typeof digits === 'number' ? digits : 0)),
  }),
  defineFunction({
    id: 'formatNumber',
    category: 'number',
    description: 'Text of a number with fixed decimals and chosen separators (exact, half away from zero).',
    inputs: [
      { name: 'value', type: 'decimal', description: 'the number' },
      { name: 'decimals', type: 'integer', description: 'digits after the point' },
      { name: 'decimalSeparator', type: 'string', description: "default '.'", optional: true },
      { name: 'thousandsSeparator', type: 'string', description: 'default none', optional: true },
    ],
    output: 'string',
    examples: [
      { args: [1234567.891, 2, ',', '.'], result: '1.234.567,89' },
      { args: [0.5, 0], result: '1' },
    ],
    impl: ([v, decimals, ds, ts]) => {
      if (isEmpty(v)) return null;
      if (typeof decimals !== 'number')
        throw new MappingError(`decimals must be a number, got ${show(decimals)}`);
      // Rounded exactly first, the nearest double prints back exactly with toFixed (far below 2^53).
      const r = typeof v === 'number' && decimals <= 15 ? decRound(v, decimals) : undefined;
      const fixed =
        typeof r === 'number' && Math.abs(r) * 10 ** decimals < 2 ** 52
          ? r.toFixed(decimals)
          : toDec(v).toFixed(decimals, Dec.ROUND_HALF_UP);
      const d = sep(ds, '.');
      const t = sep(ts, '');
      return d === '.' && t === '' ? fixed : group(fixed, d, t);
    },
  }),
  defineFunction({
    id: 'parseNumber',
    category: 'number',
    description:
      'Reads a number from text with chosen separators; exact (a decimal string when beyond 15 digits).',
    inputs: [
      { name: 'text', type: 'string', description: 'the text' },
      { name: 'decimalSeparator', type: 'string', description: "default '.'", optional: true },
      { name: 'thousandsSeparator', type: 'string', description: "default ','", optional: true },
    ],
    output: 'decimal',
    examples: [
      { args: ['1.234,50', ',', '.'], result: 1234.5 },
      { args: [' 42 '], result: 42 },
    ],
    impl: ([v, ds, ts]) => {
      if (isEmpty(v)) return null;
      if (typeof v === 'number') return v;
      const s = String(v).trim().replaceAll(sep(ts, ','), '').replace(sep(ds, '.'), '.');
      return fromDec(toDec(s));
    },
  }),
  defineFunction({
    id: 'abs',
    category: 'number',
    description: 'Absolute value.',
    inputs: [{ name: 'value', type: 'decimal', description: 'the number' }],
    output: 'decimal',
    examples: [{ args: [-3.25], result: 3.25 }],
    impl: ([v]) => (isEmpty(v) ? null : typeof v === 'number' ? Math.abs(v) : fromDec(toDec(v).abs())),
  }),
];
