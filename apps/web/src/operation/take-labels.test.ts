import type { Profile } from '@flowline/contracts';
import { describe, expect, it } from 'vitest';
import { takeLabels } from './take-labels.js';

const profile: Profile = {
  entityType: 'Microsoft.Dynamics.DataEntities.CustomerGroup',
  label: '@SYS1',
  key: ['dataAreaId', 'CustomerGroupId'],
  fields: [
    { name: 'CustomerGroupId', kind: 'string', edmType: 'Edm.String', nullable: false, label: '@SYS2' },
    {
      name: 'Description',
      kind: 'string',
      edmType: 'Edm.String',
      nullable: true,
      label: 'Description',
      labelId: '@SYS3',
    },
    {
      name: 'Address',
      kind: 'complex',
      edmType: 'Ns.Address',
      nullable: true,
      label: '@SYS9',
      fields: [{ name: 'City', kind: 'string', edmType: 'Edm.String', nullable: true, label: '@SYS4' }],
    },
  ],
};

describe('takeLabels', () => {
  it('says the ids it knows in words, nested fields too, keeping each id', () => {
    const { profile: said, taken } = takeLabels(profile, {
      '@SYS1': 'Customer group',
      '@SYS2': 'Group',
      '@SYS4': 'City',
    });
    expect(taken).toBe(3);
    expect(said.label).toBe('Customer group');
    expect(said.fields[0]).toMatchObject({ label: 'Group', labelId: '@SYS2' });
    expect(said.fields[1]).toMatchObject({ label: 'Description', labelId: '@SYS3' });
    expect(said.fields[2]).toMatchObject({ label: '@SYS9' });
    expect(said.fields[2]!.fields![0]).toMatchObject({ label: 'City', labelId: '@SYS4' });
    // The profile given is left as it was.
    expect(profile.fields[0]!.label).toBe('@SYS2');
  });

  it('takes nothing when no id is known', () => {
    expect(takeLabels(profile, { '@SYS77': 'Other' }).taken).toBe(0);
  });
});
