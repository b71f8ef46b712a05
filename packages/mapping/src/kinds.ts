import type { FieldKind } from '@flowline/contracts';

/** The type of a value flowing through a map: a profile field kind, or a function's array/object/any. */
export type ValueType = FieldKind | 'array' | 'object' | 'any';

/** How a value of one type can feed a field of another: as is, through a conversion, or not at all. */
export type Compatibility = 'same' | 'conversion' | 'none';

const NUMERIC = new Set<ValueType>(['integer', 'int64', 'decimal', 'number']);
const SCALAR = new Set<ValueType>([
  'string',
  'integer',
  'int64',
  'decimal',
  'number',
  'boolean',
  'datetime',
  'date',
  'time',
  'guid',
  'enum',
  'other',
]);
/** Widening without loss: an Int32 fits an Int64, an Int64 fits a Decimal (we keep both exact). */
const WIDENS: Record<string, ValueType[]> = {
  integer: ['int64', 'decimal', 'number'],
  int64: ['decimal'],
};

/** Whether a value of type `from` can be written to a field of kind `to`. */
export function compatibility(from: ValueType, to: ValueType): Compatibility {
  if (from === to || from === 'any' || to === 'any') return 'same';
  if (WIDENS[from]?.includes(to)) return 'same';
  if (NUMERIC.has(from) && NUMERIC.has(to)) return 'conversion';
  if (from === 'other' || to === 'other') return 'conversion';
  // Every scalar has a text form, and text parses into every scalar (failing at run time when malformed).
  if ((to === 'string' && SCALAR.has(from)) || (from === 'string' && (SCALAR.has(to) || to === 'binary'))) {
    return 'conversion';
  }
  if (from === 'binary' && to === 'string') return 'conversion';
  const pair = `${from}>${to}`;
  if (CONVERSIONS.has(pair)) return 'conversion';
  return 'none';
}

const CONVERSIONS = new Set([
  'datetime>date',
  'date>datetime',
  'enum>integer',
  'integer>enum',
  'enum>boolean', // NoYes
  'boolean>enum',
  'boolean>integer',
  'integer>boolean',
  'datetime>time',
]);

/** Whether a type is one of the numeric kinds. */
export function isNumericType(t: ValueType): boolean {
  return NUMERIC.has(t);
}

/** Type of a JSON constant, as the compiler and the validator see it. */
export function typeOfConstant(value: unknown): ValueType {
  if (value === null || value === undefined) return 'any';
  switch (typeof value) {
    case 'string':
      return 'string';
    case 'number':
      return Number.isInteger(value) ? 'integer' : 'decimal';
    case 'bigint':
      return 'int64';
    case 'boolean':
      return 'boolean';
    default:
      return Array.isArray(value) ? 'array' : 'object';
  }
}
