import { coerce, toScale } from '../convert.js';
import { isEmpty } from '../errors.js';
import type { ValueType } from '../kinds.js';
import { defineFunction, type FunctionDef } from './types.js';

function conversion(
  id: string,
  to: ValueType,
  description: string,
  examples: FunctionDef['examples'],
): FunctionDef {
  return defineFunction({
    id,
    category: 'conversion',
    description,
    inputs: [{ name: 'value', type: 'any', description: 'the value' }],
    output: to,
    examples,
    impl: ([v]) => coerce(v, to),
  });
}

/** Type conversions honouring Edm kinds (Int64 exact beyond 2^53, Decimal exact). */
export const conversionFunctions = [
  conversion('toString', 'string', 'Text form of a value (decimals exact, dates ISO).', [
    { args: [0.1], result: '0.1' },
    { args: [true], result: 'true' },
  ]),
  conversion(
    'toInteger',
    'integer',
    'Whole number (Edm.Int32); fails on fractions and out-of-range values.',
    [
      { args: ['42'], result: 42 },
      { args: [true], result: 1 },
    ],
  ),
  conversion('toInt64', 'int64', 'Edm.Int64, exact: a number up to 2^53, a digit string beyond.', [
    { args: ['5637144576'], result: 5637144576 },
    { args: ['9223372036854775807'], result: '9223372036854775807' },
    { args: [9007199254740993n], result: '9007199254740993' },
  ]),
  defineFunction({
    id: 'toDecimal',
    category: 'conversion',
    description:
      'Edm.Decimal, exact: a number when it round-trips, a decimal string otherwise; rounded to a scale when given.',
    inputs: [
      { name: 'value', type: 'any', description: 'the value' },
      { name: 'scale', type: 'integer', description: 'digits after the point', optional: true },
    ],
    output: 'decimal',
    examples: [
      { args: ['1234.50'], result: 1234.5 },
      { args: ['12345678901234567890.123456'], result: '12345678901234567890.123456' },
      { args: [2.5, 0], result: 3 },
    ],
    impl: ([v, scale]) =>
      isEmpty(v) ? null : typeof scale === 'number' ? toScale(v, scale) : coerce(v, 'decimal'),
  }),
  conversion('toNumber', 'number', 'Floating point number (Edm.Double).', [
    { args: ['1.5e3'], result: 1500 },
  ]),
  conversion('toBoolean', 'boolean', "Boolean from true/false, 1/0, 'Yes'/'No' (F&O NoYes).", [
    { args: ['Yes'], result: true },
    { args: [0], result: false },
  ]),
  conversion(
    'toDateTime',
    'datetime',
    'ISO date-time in UTC; a plain date becomes F&O date-only (12:00 UTC).',
    [
      { args: ['2026-01-15'], result: '2026-01-15T12:00:00Z' },
      { args: ['2026-01-15T10:00:00+02:00'], result: '2026-01-15T08:00:00Z' },
    ],
  ),
  conversion('toDate', 'date', 'Edm.Date (YYYY-MM-DD) of a date-time in UTC.', [
    { args: ['2026-01-15T12:00:00Z'], result: '2026-01-15' },
  ]),
  conversion('toEnum', 'enum', 'Enum member name; booleans become NoYes members.', [
    { args: [true], result: 'Yes' },
    { args: ['Organization'], result: 'Organization' },
  ]),
];
