import type { ProfileField } from '@flowline/contracts';
import { describe, expect, it } from 'vitest';
import { coerce, converter, isCanonicalUtc } from './convert.js';
import { compatibility } from './kinds.js';

const noYes: ProfileField = {
  name: 'Flag',
  kind: 'enum',
  edmType: 'Microsoft.Dynamics.DataEntities.NoYes',
  nullable: false,
  enumMembers: [
    { name: 'No', value: '0' },
    { name: 'Yes', value: '1' },
  ],
};

describe('coerce to Edm kinds', () => {
  it('converts to text, numbers and booleans exactly', () => {
    expect(coerce(12.5, 'string')).toBe('12.5');
    expect(coerce(9007199254740993n, 'string')).toBe('9007199254740993');
    expect(coerce('0.10', 'decimal')).toBe(0.1);
    expect(coerce('12345678901234567890.5', 'decimal')).toBe('12345678901234567890.5');
    expect(coerce('9223372036854775807', 'int64')).toBe('9223372036854775807');
    expect(coerce('No', 'boolean')).toBe(false);
    expect(() => coerce('maybe', 'boolean')).toThrow("'maybe' is not a boolean");
    expect(() => coerce(1.5, 'integer')).toThrow('1.5 is not an integer');
  });

  it('maps enum values and booleans onto members, and rejects strangers naming the enum', () => {
    expect(coerce(1, 'enum', noYes)).toBe('Yes');
    expect(coerce(false, 'enum', noYes)).toBe('No');
    expect(() => coerce('Maybe', 'enum', noYes)).toThrow(
      "'Maybe' is not a member of Microsoft.Dynamics.DataEntities.NoYes",
    );
  });

  it('handles dates, F&O date-only values, GUIDs and times', () => {
    expect(coerce('2026-01-15', 'datetime')).toBe('2026-01-15T12:00:00Z');
    expect(coerce('2026-01-15T10:00:00.250+01:00', 'datetime')).toBe('2026-01-15T09:00:00.250Z');
    expect(coerce('2026-01-15T23:30:00Z', 'date')).toBe('2026-01-15');
    expect(coerce('6F9619FF-8B86-D011-B42D-00C04FC964FF', 'guid')).toBe(
      '6f9619ff-8b86-d011-b42d-00c04fc964ff',
    );
    expect(coerce('2026-01-15T10:20:30Z', 'time')).toBe('10:20:30');
    expect(() => coerce('15/01/2026', 'datetime')).toThrow('is not an ISO date-time');
  });

  it('keeps empty values empty', () => {
    expect(coerce(null, 'decimal')).toBeNull();
    expect(coerce(undefined, 'string')).toBeUndefined();
  });

  it('builds guarded converters that pass values of the right JSON type through untouched', () => {
    expect(converter(noYes)('Yes')).toBe('Yes');
    expect(
      converter({ name: 'D', kind: 'datetime', edmType: 'Edm.DateTimeOffset', nullable: true })('2026-01-15'),
    ).toBe('2026-01-15T12:00:00Z');
    expect(isCanonicalUtc('2026-01-15T12:00:00Z')).toBe(true);
    expect(isCanonicalUtc('2026-01-15T12:00:00+00:00')).toBe(false);
  });
});

describe('kind compatibility', () => {
  it('tells same, conversion and none apart', () => {
    expect(compatibility('integer', 'int64')).toBe('same');
    expect(compatibility('decimal', 'integer')).toBe('conversion');
    expect(compatibility('boolean', 'enum')).toBe('conversion');
    expect(compatibility('guid', 'decimal')).toBe('none');
    expect(compatibility('complex', 'string')).toBe('none');
  });
});
