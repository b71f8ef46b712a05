import { Ajv } from 'ajv';
import { describe, expect, it } from 'vitest';
import { CreateComponent, CreateFolder, Profile } from './index.js';

const ajv = new Ajv({ strict: false, allErrors: true });

describe('request schemas', () => {
  const createComponent = ajv.compile(CreateComponent);
  const createFolder = ajv.compile(CreateFolder);

  it('accept a well-formed component and folder', () => {
    expect(createComponent({ type: 'process', name: 'Copy customers' })).toBe(true);
    expect(createFolder({ name: 'Customers', parentId: null })).toBe(true);
  });

  it('refuse unknown fields, unknown types and blank or control-character names', () => {
    expect(createComponent({ type: 'process', name: 'X', colour: 'red' })).toBe(false);
    expect(createComponent({ type: 'robot', name: 'X' })).toBe(false);
    expect(createFolder({ name: '   ' })).toBe(false);
    expect(createFolder({ name: 'a\u0000b' })).toBe(false);
    expect(createFolder({ name: 'Ünïcödé 顧客' })).toBe(true);
  });
});

describe('Profile', () => {
  it('accepts a profile with key order, enums and nested fields', () => {
    const validate = ajv.compile(Profile);
    const ok = validate({
      entityType: 'Microsoft.Dynamics.DataEntities.CustomerGroup',
      entitySet: 'CustomerGroups',
      key: ['dataAreaId', 'CustomerGroupId'],
      fields: [
        {
          name: 'dataAreaId',
          kind: 'string',
          edmType: 'Edm.String',
          nullable: false,
          keyIndex: 0,
          maxLength: 4,
        },
        {
          name: 'IsSalesTaxIncluded',
          kind: 'enum',
          edmType: 'Microsoft.Dynamics.DataEntities.NoYes',
          nullable: true,
          enumMembers: [
            { name: 'No', value: '0' },
            { name: 'Yes', value: '1' },
          ],
        },
      ],
    });
    expect(validate.errors ?? []).toEqual([]);
    expect(ok).toBe(true);
  });
});
