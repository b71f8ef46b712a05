import type { ProfileField } from '@flowline/contracts';
import { describe, expect, it } from 'vitest';
import { flattenFields } from './flatten.js';

const f = (name: string, fields?: ProfileField[]): ProfileField => ({
  name,
  kind: fields ? 'complex' : 'string',
  edmType: 'Edm.String',
  nullable: true,
  ...(fields ? { fields } : {}),
});
const fields = [f('Name'), f('Address', [f('City'), f('Street')]), f('Account')];

describe('flattenFields', () => {
  it('shows children of expanded fields only', () => {
    expect(flattenFields(fields, new Set()).map((r) => r.path)).toEqual(['Name', 'Address', 'Account']);
    expect(flattenFields(fields, new Set(['Address'])).map((r) => r.path)).toEqual([
      'Name',
      'Address',
      'Address.City',
      'Address.Street',
      'Account',
    ]);
  });

  it('keeps matches and their ancestors when searching', () => {
    expect(flattenFields(fields, new Set(), 'city').map((r) => r.path)).toEqual(['Address', 'Address.City']);
  });

  it('filters by a keep predicate (show mapped only)', () => {
    expect(flattenFields(fields, new Set(), '', (p) => p === 'Account').map((r) => r.path)).toEqual([
      'Account',
    ]);
  });
});
