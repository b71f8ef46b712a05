import { toText } from '../convert.js';
import { MappingError, show } from '../errors.js';
import { defineFunction } from './types.js';

const text = (v: unknown): string => (v === undefined || v === null ? '' : toText(v));
/**
 * String functions keep an empty input empty, so a default can apply after them. (No per-call
 * closures here: these run once per field per document.)
 */
const emptyIn = (v: unknown): v is null | undefined => v === undefined || v === null;
const int = (v: unknown, name: string): number => {
  if (typeof v === 'number' && Number.isInteger(v)) return v;
  throw new MappingError(`${name} must be an integer, got ${show(v)}`);
};

/** String functions. */
export const stringFunctions = [
  defineFunction({
    id: 'concat',
    category: 'string',
    description: 'Joins the texts of all inputs; empty inputs count as no text.',
    inputs: [{ name: 'values', type: 'any', description: 'values to join', variadic: true }],
    output: 'string',
    examples: [
      { args: ['DAT', '-', 42], result: 'DAT-42' },
      { args: ['a', null, 'b'], result: 'ab' },
    ],
    impl: (args) => {
      let s = '';
      for (const a of args) if (a !== undefined && a !== null) s += typeof a === 'string' ? a : toText(a);
      return s;
    },
  }),
  defineFunction({
    id: 'substring',
    category: 'string',
    description: 'Part of a text from a 0-based start, of a given length (to the end when left out).',
    inputs: [
      { name: 'text', type: 'string', description: 'the text' },
      { name: 'start', type: 'integer', description: '0-based start' },
      { name: 'length', type: 'integer', description: 'number of characters', optional: true },
    ],
    output: 'string',
    examples: [
      { args: ['US-001', 3], result: '001' },
      { args: ['US-001', 0, 2], result: 'US' },
    ],
    impl: ([v, start, length]) => {
      if (emptyIn(v)) return v;
      const s = toText(v);
      const a = int(start, 'start');
      return length === undefined || length === null ? s.slice(a) : s.slice(a, a + int(length, 'length'));
    },
  }),
  defineFunction({
    id: 'trim',
    category: 'string',
    description: 'Removes white space at both ends (or only the start or the end).',
    inputs: [
      { name: 'text', type: 'string', description: 'the text' },
      { name: 'side', type: 'string', description: "'both' (default), 'start' or 'end'", optional: true },
    ],
    output: 'string',
    examples: [
      { args: ['  Contoso  '], result: 'Contoso' },
      { args: ['  Contoso  ', 'end'], result: '  Contoso' },
    ],
    impl: ([v, side]) => {
      if (emptyIn(v)) return v;
      const s = toText(v);
      return side === 'start' ? s.trimStart() : side === 'end' ? s.trimEnd() : s.trim();
    },
  }),
  defineFunction({
    id: 'upper',
    category: 'string',
    description: 'Upper-case text.',
    inputs: [{ name: 'text', type: 'string', description: 'the text' }],
    output: 'string',
    examples: [{ args: ['usmf'], result: 'USMF' }],
    impl: ([v]) => (typeof v === 'string' ? v.toUpperCase() : emptyIn(v) ? v : toText(v).toUpperCase()),
  }),
  defineFunction({
    id: 'lower',
    category: 'string',
    description: 'Lower-case text.',
    inputs: [{ name: 'text', type: 'string', description: 'the text' }],
    output: 'string',
    examples: [{ args: ['USMF'], result: 'usmf' }],
    impl: ([v]) => (typeof v === 'string' ? v.toLowerCase() : emptyIn(v) ? v : toText(v).toLowerCase()),
  }),
  defineFunction({
    id: 'replace',
    category: 'string',
    description: 'Replaces every occurrence of a literal text (not a pattern).',
    inputs: [
      { name: 'text', type: 'string', description: 'the text' },
      { name: 'search', type: 'string', description: 'text to find' },
      { name: 'replacement', type: 'string', description: 'text to put instead' },
    ],
    output: 'string',
    examples: [{ args: ['1.234.567', '.', ''], result: '1234567' }],
    impl: ([v, search, replacement]) =>
      emptyIn(v) ? v : toText(v).replaceAll(text(search), text(replacement)),
  }),
  defineFunction({
    id: 'padLeft',
    category: 'string',
    description: 'Pads a text on the left to a length with a character (space by default).',
    inputs: [
      { name: 'text', type: 'string', description: 'the text' },
      { name: 'length', type: 'integer', description: 'length to reach' },
      { name: 'char', type: 'string', description: 'pad character', optional: true },
    ],
    output: 'string',
    examples: [{ args: [42, 6, '0'], result: '000042' }],
    impl: ([v, length, c]) => text(v).padStart(int(length, 'length'), c === undefined ? ' ' : text(c)),
  }),
  defineFunction({
    id: 'padRight',
    category: 'string',
    description: 'Pads a text on the right to a length with a character (space by default).',
    inputs: [
      { name: 'text', type: 'string', description: 'the text' },
      { name: 'length', type: 'integer', description: 'length to reach' },
      { name: 'char', type: 'string', description: 'pad character', optional: true },
    ],
    output: 'string',
    examples: [{ args: ['AB', 4, '.'], result: 'AB..' }],
    impl: ([v, length, c]) => text(v).padEnd(int(length, 'length'), c === undefined ? ' ' : text(c)),
  }),
  defineFunction({
    id: 'split',
    category: 'string',
    description: 'Splits a text at each separator into a list of texts.',
    inputs: [
      { name: 'text', type: 'string', description: 'the text' },
      { name: 'separator', type: 'string', description: 'separator text' },
    ],
    output: 'array',
    examples: [{ args: ['a;b;c', ';'], result: ['a', 'b', 'c'] }],
    impl: ([v, sep]) => (v === undefined || v === null ? v : toText(v).split(text(sep))),
  }),
  defineFunction({
    id: 'join',
    category: 'string',
    description: 'Joins the texts of a list with a separator, skipping empty items.',
    inputs: [
      { name: 'list', type: 'array', description: 'the list' },
      { name: 'separator', type: 'string', description: 'separator text', optional: true },
    ],
    output: 'string',
    examples: [{ args: [['a', null, 'c'], ', '], result: 'a, c' }],
    impl: ([list, sep]) => {
      if (list === undefined || list === null) return list;
      if (!Array.isArray(list)) throw new MappingError(`join needs a list, got ${show(list)}`);
      return list
        .filter((x) => x !== undefined && x !== null && x !== '')
        .map(toText)
        .join(text(sep));
    },
  }),
  defineFunction({
    id: 'length',
    category: 'string',
    description: 'Number of characters of a text (0 when empty).',
    inputs: [{ name: 'text', type: 'string', description: 'the text' }],
    output: 'integer',
    examples: [{ args: ['Contoso'], result: 7 }],
    impl: ([v]) => text(v).length,
  }),
  defineFunction({
    id: 'truncate',
    category: 'string',
    description: 'Cuts a text to a maximum length (use before a field with a smaller max length).',
    inputs: [
      { name: 'text', type: 'string', description: 'the text' },
      { name: 'maxLength', type: 'integer', description: 'maximum length' },
    ],
    output: 'string',
    examples: [{ args: ['Contoso Europe', 7], result: 'Contoso' }],
    impl: ([v, max]) => (emptyIn(v) ? v : toText(v).slice(0, int(max, 'maxLength'))),
  }),
];
