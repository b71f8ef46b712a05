import { toText } from '../convert.js';
import { isEmpty, MappingError, show } from '../errors.js';
import { defineFunction } from './types.js';

function find(table: unknown, key: unknown, fallback: unknown, name: string): unknown {
  if (table === null || typeof table !== 'object') throw new MappingError(`${name} is not a table`);
  if (isEmpty(key)) return fallback ?? null;
  const k = toText(key);
  if (Object.hasOwn(table, k)) return (table as Record<string, unknown>)[k];
  if (fallback !== undefined) return fallback;
  throw new MappingError(`${show(k)} is not in ${name}`);
}

/** Lookup functions: a table written in the map, or a cross-reference table kept by the host. */
export const lookupFunctions = [
  defineFunction({
    id: 'lookup',
    category: 'lookup',
    description:
      'Value for a key in a table written in the map; fails on a missing key unless a fallback is given.',
    inputs: [
      { name: 'key', type: 'string', description: 'the key' },
      { name: 'table', type: 'object', description: 'key-to-value table (a constant)' },
      { name: 'fallback', type: 'any', description: 'value for a missing key', optional: true },
    ],
    output: 'any',
    examples: [
      { args: ['DE', { DE: 'DEU', FR: 'FRA' }], result: 'DEU' },
      { args: ['IT', { DE: 'DEU' }, 'XXX'], result: 'XXX' },
    ],
    impl: ([key, table, fallback]) => find(table, key, fallback, 'the lookup table'),
  }),
  defineFunction({
    id: 'crossReference',
    category: 'lookup',
    description:
      'Value for a key in a named cross-reference table passed in by the host (a stored component).',
    inputs: [
      { name: 'table', type: 'string', description: 'table name' },
      { name: 'key', type: 'string', description: 'the key' },
      { name: 'fallback', type: 'any', description: 'value for a missing key', optional: true },
    ],
    output: 'any',
    examples: [
      {
        args: ['customerGroups', '10'],
        result: 'Wholesale',
        env: { lookups: { customerGroups: { '10': 'Wholesale', '20': 'Retail' } } },
      },
    ],
    impl: ([name, key, fallback], env) => {
      const table = env.lookups[String(name)];
      if (!table) throw new MappingError(`cross-reference table ${show(name)} was not passed in`);
      return find(table, key, fallback, `cross-reference table '${String(name)}'`);
    },
  }),
];
