import type { Profile } from '@flowline/contracts';
import { describe, expect, it } from 'vitest';
import { withLabels } from './profile-labels.js';

const profile: Profile = {
  entityType: 'Microsoft.Dynamics.DataEntities.CustomerV3',
  label: '@SYS1',
  key: ['CustomerAccount'],
  fields: [
    { name: 'CustomerAccount', kind: 'string', edmType: 'Edm.String', nullable: false, label: '@SYS2' },
    {
      name: 'Blocked',
      kind: 'enum',
      edmType: 'Microsoft.Dynamics.DataEntities.NoYes',
      nullable: false,
      label: '@SYS3',
      enumMembers: [{ name: 'No', value: '0', label: '@SYS4' }],
    },
    {
      name: 'Group',
      kind: 'navigation',
      edmType: 'Microsoft.Dynamics.DataEntities.CustomerGroup',
      nullable: true,
      fields: [{ name: 'Name', kind: 'string', edmType: 'Edm.String', nullable: true, label: '@SYS5' }],
    },
    { name: 'Note', kind: 'string', edmType: 'Edm.String', nullable: true, label: 'Already words' },
  ],
};
const texts: Record<string, string> = {
  '@SYS1': 'Customers',
  '@SYS2': 'Customer account',
  '@SYS3': 'Blocked',
  '@SYS4': 'No',
  '@SYS5': 'Group name',
};

describe('withLabels', () => {
  it("says the fields' label ids in words, keeping the id, and asks only for ids", async () => {
    let asked: string[] = [];
    const out = await withLabels(
      profile,
      async (ids) => {
        asked = ids;
        return new Map(ids.filter((id) => id !== '@SYS5').map((id) => [id, texts[id]!]));
      },
      () => expect.fail('no failure expected'),
    );
    expect(asked).toEqual(['@SYS1', '@SYS2', '@SYS3', '@SYS5']);
    expect(out).toMatchObject({ label: 'Customers', labelId: '@SYS1' });
    expect(out.fields[0]).toMatchObject({ label: 'Customer account', labelId: '@SYS2' });
    // Enum members keep theirs: their names read well, and each label is one more request.
    expect(out.fields[1]!.enumMembers![0]).toEqual({ name: 'No', value: '0', label: '@SYS4' });
    // Unknown to the service: the id stays, with no labelId.
    expect(out.fields[2]!.fields![0]).toMatchObject({ label: '@SYS5' });
    expect(out.fields[2]!.fields![0]!.labelId).toBeUndefined();
    expect(out.fields[3]!.label).toBe('Already words');
    // The profile given is not changed.
    expect(profile.fields[0]!.label).toBe('@SYS2');
  });

  it('keeps the ids when the label service fails, and says why', async () => {
    const failures: string[] = [];
    const out = await withLabels(
      profile,
      () => Promise.reject(new Error('403 Forbidden')),
      (e) => failures.push(e.message),
    );
    expect(out).toEqual(profile);
    expect(failures).toEqual(['403 Forbidden']);
  });

  it('waits no longer than its budget', async () => {
    const failures: string[] = [];
    const started = Date.now();
    const out = await withLabels(
      profile,
      () => new Promise(() => {}),
      (e) => failures.push(e.message),
      50,
    );
    expect(Date.now() - started).toBeLessThan(2000);
    expect(out).toEqual(profile);
    expect(failures).toEqual(['no answer within 0.05 s']);
  });
});
