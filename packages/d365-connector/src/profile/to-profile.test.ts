import type { ProfileField as ContractField, Profile as ContractProfile } from '@flowline/contracts';
import { describe, expect, expectTypeOf, it } from 'vitest';
import { parseMetadataSync } from '../metadata/parse-metadata.js';
import { FNO_METADATA } from '../test-support/fno-fixture.js';
import { readShared } from '../test-support/shared-data.js';
import type { Profile, ProfileField } from './profile-types.js';
import { toProfile, UnknownEntityError } from './to-profile.js';

describe('toProfile', () => {
  const model = parseMetadataSync(FNO_METADATA);

  it('is structurally the Profile of @flowline/contracts, both ways', () => {
    expectTypeOf<Profile>().toEqualTypeOf<ContractProfile>();
    expectTypeOf<ProfileField>().toEqualTypeOf<ContractField>();
  });

  it('profiles an F&O entity set: keys in order, facets, labels, hints, enums, navigation', () => {
    const profile = toProfile(model, 'CustomersV3');
    expect(profile).toMatchObject({
      entityType: 'Microsoft.Dynamics.DataEntities.CustomerV3',
      entitySet: 'CustomersV3',
      label: 'Customers V3',
      key: ['dataAreaId', 'CustomerAccount'],
    });
    const f = Object.fromEntries(profile.fields.map((x) => [x.name, x]));
    expect(f.dataAreaId).toEqual({
      name: 'dataAreaId',
      kind: 'string',
      edmType: 'Edm.String',
      nullable: false,
      keyIndex: 0,
      maxLength: 4,
      label: '@SYS13342',
    });
    expect(f.CustomerAccount).toMatchObject({ keyIndex: 1, maxLength: 20 });
    expect(f.CustomerGroupId).toMatchObject({ mandatory: true });
    expect(f.CreditLimit).toMatchObject({ kind: 'decimal', precision: 32, scale: 6 });
    expect(f.RecordId).toMatchObject({ kind: 'int64', readOnly: true });
    expect(f.Blocked).toMatchObject({
      kind: 'enum',
      edmType: 'Microsoft.Dynamics.DataEntities.NoYes',
      enumMembers: [
        { name: 'No', value: '0', label: '@SYS1' },
        { name: 'Yes', value: '1', label: '@SYS2' },
      ],
    });
    expect(f.Tags).toMatchObject({ kind: 'string', collection: true });
    expect(f.Address).toMatchObject({
      kind: 'complex',
      fields: [{ name: 'City', kind: 'string', maxLength: 60 }],
    });
    expect(f.CustomerGroup).toMatchObject({
      kind: 'navigation',
      targetType: 'Microsoft.Dynamics.DataEntities.CustomerGroup',
      nullable: true,
    });
    // One level of target fields, no further navigation.
    expect(f.CustomerGroup!.fields!.map((x) => x.name)).toEqual([
      'dataAreaId',
      'CustomerGroupId',
      'Description',
    ]);
    expect(f.CustomerGroup!.fields![2]).toMatchObject({ label: 'Group description', readOnly: true });
  });

  it('flattens inheritance (base fields first) and accepts unqualified type names', () => {
    const profile = toProfile(model, 'SpecialCustomer');
    expect(profile.key).toEqual(['dataAreaId', 'CustomerAccount']);
    expect(profile.fields[0]!.name).toBe('dataAreaId');
    expect(profile.fields.map((x) => x.name)).toContain('Level');
    expect(profile.entitySet).toBeUndefined();
  });

  it('marks to-many navigations as collections', () => {
    const nav = toProfile(model, 'CustomerGroups').fields.find((x) => x.name === 'Customers')!;
    expect(nav).toMatchObject({ kind: 'navigation', collection: true });
  });

  it('names the entity it cannot find', () => {
    expect(() => toProfile(model, 'Nope')).toThrow(UnknownEntityError);
    expect(() => toProfile(model, 'Nope')).toThrow(/"Nope"/);
  });

  it('profiles every Graph entity type without error; Edm kinds cover the document', () => {
    const graph = parseMetadataSync(readShared('metadata/msgraph-v1.0-cleanMetadata.xml'));
    const user = toProfile(graph, 'microsoft.graph.user');
    // directoryObject's id comes first through inheritance.
    expect(user.key).toEqual(['id']);
    expect(user.fields[0]).toMatchObject({ name: 'id', keyIndex: 0 });
    for (const name of Object.keys(graph.entityTypes)) {
      const p = toProfile(graph, name);
      for (const field of p.fields) {
        if (field.kind === 'other') expect(field.edmType).toMatch(/^Edm\.(Untyped|Geography|Geometry)/);
      }
    }
  });
});
