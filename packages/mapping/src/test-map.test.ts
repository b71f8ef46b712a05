import { describe, expect, it } from 'vitest';
import { MapSchemaError, parseMap } from './model.js';
import { orderMap, salesOrderProfile, webOrder } from './test-fixtures/orders.js';
import { testMap } from './test-map.js';

describe('testMap', () => {
  it('gives output, trace and validation for a sample document', () => {
    const r = testMap(orderMap(), webOrder);
    expect(r.output.SalesOrderNumber).toBe('WEB-1001');
    expect(r.errors).toEqual([]);
    expect(r.trace.map((t) => t.ruleId)).toContain('r-amount');
    expect(r.validation.valid).toBe(true);
  });

  it('validates against the profiles passed in', () => {
    const target = {
      ...salesOrderProfile,
      fields: salesOrderProfile.fields.filter((f) => f.name !== 'DeliveryAddressCity'),
    };
    const r = testMap(orderMap(), webOrder, { target });
    expect(r.validation.errors.map((e) => [e.code, e.target])).toEqual([
      ['unknown-target', 'DeliveryAddressCity'],
    ]);
    expect(r.output.DeliveryAddressCity).toBe('Berlin');
  });

  it('reports a map that cannot compile instead of throwing', () => {
    const map = orderMap();
    map.rules.push({
      id: 'bad',
      kind: 'field',
      target: 'X',
      steps: [{ id: 's', fn: 'nope', args: [] }],
      value: { type: 'step', step: 's' },
    });
    const r = testMap(map, webOrder);
    expect(r.errors[0]!.message).toContain("rule 'bad' (target 'X'): unknown function 'nope'");
    expect(r.validation.errors.map((e) => e.code)).toContain('unknown-function');
  });
});

describe('parseMap', () => {
  it('accepts stored map JSON and rejects newer versions and schema errors, naming them', () => {
    const json = JSON.parse(JSON.stringify(orderMap()));
    expect(parseMap(json).rules).toHaveLength(7);
    expect(() => parseMap({ ...json, schemaVersion: 9 })).toThrow(/schemaVersion: 9 is newer/);
    expect(() => parseMap({ ...json, rules: [{ id: 'x' }] })).toThrow(MapSchemaError);
  });
});
