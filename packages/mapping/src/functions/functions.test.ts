import { describe, expect, it } from 'vitest';
import { MappingError } from '../errors.js';
import { builtinFunctions, getFunction, listFunctions } from './registry.js';
import type { FunctionEnv } from './types.js';

const env = (over: Partial<FunctionEnv> = {}): FunctionEnv => ({
  lookups: {},
  counters: new Map(),
  now: () => new Date('2026-01-15T08:00:00Z'),
  position: 0,
  ...over,
});
const call = (id: string, ...args: unknown[]): unknown => getFunction(id)!.impl(args, env());

describe('function registry', () => {
  it('lists every function with a description, typed named inputs, an output and examples', () => {
    const list = listFunctions();
    expect(list.length).toBe(builtinFunctions.size);
    for (const f of list) {
      expect(f.description.length, f.id).toBeGreaterThan(10);
      expect(f.examples.length, f.id).toBeGreaterThan(0);
      for (const i of f.inputs) expect(i.name && i.type && i.description, `${f.id}.${i.name}`).toBeTruthy();
      expect('impl' in f).toBe(false);
    }
    const categories = new Set(list.map((f) => f.category));
    expect([...categories].sort()).toEqual([
      'conversion',
      'date',
      'logic',
      'lookup',
      'number',
      'sequence',
      'string',
    ]);
  });

  for (const f of builtinFunctions.values()) {
    it.each(f.examples.map((e, i) => [i, e] as const))(`${f.id} example %i`, (_, ex) => {
      expect(f.impl(ex.args, env(ex.env))).toEqual(ex.result);
    });
  }
});

describe('exact numbers', () => {
  it('adds and multiplies decimals without binary errors', () => {
    expect(call('add', 0.1, 0.2)).toBe(0.3);
    expect(call('subtract', 1.1, 0.9)).toBe(0.2);
    expect(call('multiply', 0.07, 100)).toBe(7);
    expect(call('multiply', 19.99, 3)).toBe(59.97);
    expect(call('add', '0.1', '0.2')).toBe(0.3);
  });
  it('keeps Int64 beyond 2^53 exact as digit strings', () => {
    expect(call('add', 9007199254740993n, 2)).toBe('9007199254740995');
    expect(call('toInt64', '-9223372036854775808')).toBe('-9223372036854775808');
    expect(() => call('toInteger', '9007199254740993')).toThrow(/out of range/);
  });
  it('keeps decimals beyond 15 digits exact', () => {
    expect(call('add', '12345678901234567890.123456', '0.000001')).toBe('12345678901234567890.123457');
    expect(call('round', '2.5')).toBe(3);
    expect(call('round', -2.345, 2)).toBe(-2.35);
  });
  it('names the value that is not a number', () => {
    expect(() => call('add', 'abc', 1)).toThrow(MappingError);
    expect(() => call('add', 'abc', 1)).toThrow(/'abc' is not a number/);
    expect(() => call('divide', 1, 0)).toThrow(/by zero/);
  });
  it('formats and parses numbers', () => {
    expect(call('formatNumber', -1234.5, 2, '.', ',')).toBe('-1,234.50');
    expect(call('parseNumber', '-1,234.50')).toBe(-1234.5);
    expect(call('parseNumber', '123456789012345678.5')).toBe('123456789012345678.5');
  });
});

describe('dates', () => {
  it('formats with masks in zones and keeps wall time across DST', () => {
    expect(call('formatDate', '2026-03-29T01:30:00Z', 'yyyy-MM-dd HH:mm XXX', 'Europe/Berlin')).toBe(
      '2026-03-29 03:30 +02:00',
    );
    expect(call('formatDate', '2026-01-15T00:05:09.120Z', 'd/M/yy h:mm:ss.SSS a')).toBe(
      '15/1/26 12:05:09.120 AM',
    );
    expect(call('parseDate', '2026-01-15T10:00:00+05:30', "yyyy-MM-dd'T'HH:mm:ssXXX")).toBe(
      '2026-01-15T04:30:00Z',
    );
  });
  it('rejects text that does not fit the mask or the calendar, naming it', () => {
    expect(() => call('parseDate', '2026/01/15', 'yyyy-MM-dd')).toThrow(/'2026\/01\/15' does not match/);
    expect(() => call('parseDate', '31.02.2026', 'dd.MM.yyyy')).toThrow(/not a valid date/);
    expect(() => call('formatDate', '2026-01-15', 'yyyy', 'Mars/Olympus')).toThrow(/unknown time zone/);
  });
  it("handles F&O's date-only convention and empty date", () => {
    expect(call('toFnoDate', '2026-01-15T08:00:00Z')).toBe('2026-01-15T12:00:00Z');
    expect(call('fromFnoDate', '1900-01-01T00:00:00Z')).toBeNull();
    expect(call('isEmptyDate', null)).toBe(true);
  });
});

describe('strings, logic, lookups and counters', () => {
  it('keeps an empty input empty in unary string functions', () => {
    expect(call('upper', null)).toBeNull();
    expect(call('trim', undefined)).toBeUndefined();
    expect(call('substring', 'abc', 1, 1)).toBe('b');
    expect(() => call('substring', 'abc', 'x')).toThrow(/start must be an integer/);
  });
  it('fails a lookup of a missing key unless a fallback is given', () => {
    expect(() => call('lookup', 'IT', { DE: 'DEU' })).toThrow(/'IT' is not in the lookup table/);
    expect(() => call('crossReference', 'missing', 'a')).toThrow(/'missing' was not passed in/);
  });
  it('counts across calls sharing counters', () => {
    const e = env();
    const seq = getFunction('sequence')!;
    expect([seq.impl(['n'], e), seq.impl(['n'], e), seq.impl(['m', 100], e)]).toEqual([1, 2, 100]);
  });
  it('compares numbers exactly and texts as text', () => {
    expect(call('equals', '9007199254740993', 9007199254740992)).toBe(false);
    expect(call('equals', null, '')).toBe(true);
    expect(call('if', 0, 'a', 'b')).toBe('b');
  });
});
