import type { FieldRule, MapDefinition, MapRule, Profile } from '@flowline/contracts';
import { describe, expect, it } from 'vitest';
import { orderMap, salesOrderProfile, webOrderProfile } from './test-fixtures/orders.js';
import { revalidate, validateMap } from './validate.js';
import type { ValidationIssue } from './validate-types.js';

const src = (path: string, scope?: 'parent' | 'root') => ({
  type: 'source' as const,
  path,
  ...(scope ? { scope } : {}),
});
const k = (value: unknown) => ({ type: 'constant' as const, value });
const field = (
  id: string,
  target: string,
  value: FieldRule['value'],
  extra: Partial<FieldRule> = {},
): FieldRule => ({
  id,
  kind: 'field',
  target,
  value,
  ...extra,
});
/** The order map plus extra rules (a rule with a target already mapped replaces it). */
function withRules(...extra: MapRule[]): MapDefinition {
  const map = orderMap();
  const targets = new Set(extra.map((r) => r.target));
  return { ...map, rules: [...map.rules.filter((r) => !targets.has(r.target)), ...extra] };
}
const issues = (
  map: MapDefinition,
): Pick<ValidationIssue, 'severity' | 'code' | 'ruleId' | 'target' | 'source'>[] => {
  const r = validateMap(map);
  return [...r.errors, ...r.warnings].map(({ severity, code, ruleId, target, source }) => ({
    severity,
    code,
    ...(ruleId ? { ruleId } : {}),
    ...(target ? { target } : {}),
    ...(source ? { source } : {}),
  }));
};

describe('validateMap', () => {
  it('accepts the order map', () => {
    const r = validateMap(orderMap());
    expect(r.errors).toEqual([]);
    expect(r.valid).toBe(true);
  });

  it('reports schema errors with their JSON pointer', () => {
    const r = validateMap({ ...orderMap(), schemaVersion: 2 } as unknown as MapDefinition);
    expect(r.errors[0]).toMatchObject({ code: 'schema', message: expect.stringContaining('/schemaVersion') });
  });

  it('reports unknown source and target paths', () => {
    expect(issues(withRules(field('x', 'Nope', src('customer'))))).toEqual([
      { severity: 'error', code: 'unknown-target', ruleId: 'x', target: 'Nope' },
    ]);
    expect(issues(withRules(field('x', 'DeliveryAddressCity', src('shipTo.town'))))).toEqual([
      {
        severity: 'error',
        code: 'unknown-source',
        ruleId: 'x',
        target: 'DeliveryAddressCity',
        source: 'shipTo.town',
      },
    ]);
  });

  it('reports a path through a collection outside a loop', () => {
    expect(issues(withRules(field('x', 'DeliveryAddressCity', src('lines.sku'))))).toEqual([
      {
        severity: 'error',
        code: 'collection-path',
        ruleId: 'x',
        target: 'DeliveryAddressCity',
        source: 'lines.sku',
      },
    ]);
  });

  it('warns on a conversion and fails on incompatible Edm kinds', () => {
    expect(issues(withRules(field('x', 'DeliveryAddressCity', src('orderedAt'))))).toEqual([
      {
        severity: 'warning',
        code: 'conversion',
        ruleId: 'x',
        target: 'DeliveryAddressCity',
        source: 'orderedAt',
      },
    ]);
    expect(issues(withRules(field('x', 'RequestedShippingDate', src('shipTo'))))).toEqual([
      {
        severity: 'error',
        code: 'incompatible-type',
        ruleId: 'x',
        target: 'RequestedShippingDate',
        source: 'shipTo',
      },
    ]);
  });

  it('reports a collection feeding a single field (and the reverse) as incompatible', () => {
    expect(issues(withRules(field('x', 'DeliveryAddressCity', src('lines'))))).toEqual([
      {
        severity: 'error',
        code: 'incompatible-type',
        ruleId: 'x',
        target: 'DeliveryAddressCity',
        source: 'lines',
      },
    ]);
    expect(issues(withRules(field('x', 'SalesOrderLines', src('customer'))))).toEqual([
      { severity: 'error', code: 'duplicate-target', ruleId: 'x', target: 'SalesOrderLines' },
      {
        severity: 'error',
        code: 'incompatible-type',
        ruleId: 'x',
        target: 'SalesOrderLines',
        source: 'customer',
      },
    ]);
  });

  it('reports mandatory target fields left unmapped, in loops too', () => {
    const map = orderMap();
    const loop = map.rules.find((r) => r.kind === 'loop')!;
    if (loop.kind === 'loop') loop.rules = loop.rules.filter((r) => r.target !== 'ItemNumber');
    map.rules = map.rules.filter((r) => r.target !== 'OrderingCustomerAccountNumber');
    expect(issues(map)).toEqual([
      { severity: 'error', code: 'unmapped-mandatory', target: 'SalesOrderLines[].ItemNumber' },
      { severity: 'error', code: 'unmapped-mandatory', target: 'OrderingCustomerAccountNumber' },
    ]);
  });

  it('reports constants and defaults outside the enum members', () => {
    expect(issues(withRules(field('x', 'SalesOrderStatus', k('Open'))))).toEqual([
      { severity: 'error', code: 'enum-value', ruleId: 'x', target: 'SalesOrderStatus' },
    ]);
    expect(issues(withRules(field('x', 'SalesOrderStatus', src('customer'), { default: 'Open' })))).toEqual([
      { severity: 'error', code: 'enum-value', ruleId: 'x', target: 'SalesOrderStatus' },
      {
        severity: 'warning',
        code: 'conversion',
        ruleId: 'x',
        target: 'SalesOrderStatus',
        source: 'customer',
      },
    ]);
    expect(issues(withRules(field('x', 'SalesOrderStatus', k('Backorder'))))).toEqual([]);
  });

  it('warns when source enum members are missing from a different target enum', () => {
    const source: Profile = {
      ...webOrderProfile,
      fields: [
        ...webOrderProfile.fields,
        {
          name: 'status',
          kind: 'enum',
          edmType: 'Shop.Status',
          nullable: true,
          enumMembers: [
            { name: 'Backorder', value: '0' },
            { name: 'Shipped', value: '1' },
          ],
        },
      ],
    };
    const map = withRules(field('x', 'SalesOrderStatus', src('status')));
    map.source = { profile: source };
    expect(issues(map)).toEqual([
      { severity: 'warning', code: 'enum-value', ruleId: 'x', target: 'SalesOrderStatus', source: 'status' },
    ]);
    expect(validateMap(map).warnings[0]!.message).toContain('members Shipped of Shop.Status');
  });

  it('reports strings longer than the max length (constants: error; longer sources: warning)', () => {
    expect(issues(withRules(field('x', 'dataAreaId', k('toolong'))))).toEqual([
      { severity: 'error', code: 'max-length', ruleId: 'x', target: 'dataAreaId' },
    ]);
    const source: Profile = {
      ...webOrderProfile,
      fields: webOrderProfile.fields.map((f) => (f.name === 'company' ? { ...f, maxLength: 10 } : f)),
    };
    const map = withRules(field('r-area', 'dataAreaId', src('company')));
    map.source = { profile: source };
    expect(issues(map)).toEqual([
      { severity: 'warning', code: 'max-length', ruleId: 'r-area', target: 'dataAreaId', source: 'company' },
    ]);
  });

  it('reports decimals beyond precision or scale', () => {
    const map = orderMap();
    const loop = map.rules.find((r) => r.kind === 'loop')!;
    if (loop.kind !== 'loop') throw new Error('fixture');
    loop.rules.push(field('d1', 'LineAmount', k(1.1234567)));
    loop.rules = loop.rules.filter((r) => r.id !== 'r-amount');
    expect(issues(map)).toEqual([
      { severity: 'error', code: 'decimal-precision', ruleId: 'd1', target: 'SalesOrderLines[].LineAmount' },
    ]);
    loop.rules = loop.rules.map((r) =>
      r.id === 'd1' ? field('d1', 'LineAmount', k('12345678901234567890123456789.5')) : r,
    );
    expect(validateMap(map).errors[0]!.message).toContain('has 29 integer digits; the target allows 26');
    const wide: Profile = {
      ...salesOrderProfile,
      fields: salesOrderProfile.fields.map((f) =>
        f.name === 'SalesOrderLines'
          ? {
              ...f,
              fields: f.fields!.map((g) =>
                g.name === 'OrderedSalesQuantity' ? { ...g, precision: 10, scale: 1 } : g,
              ),
            }
          : f,
      ),
    };
    expect(issues({ ...orderMap(), target: { profile: wide } })).toEqual([
      {
        severity: 'warning',
        code: 'decimal-precision',
        ruleId: 'r-qty',
        target: 'SalesOrderLines[].OrderedSalesQuantity',
        source: 'lines[].qty',
      },
    ]);
  });

  it('reports read-only target fields that are mapped', () => {
    expect(issues(withRules(field('x', 'RecId', k(1))))).toEqual([
      { severity: 'error', code: 'read-only', ruleId: 'x', target: 'RecId' },
    ]);
  });

  it('reports function problems: unknown, arity, input types, output type, steps and constants', () => {
    const step = (fn: string, ...args: FieldRule['value'][]) => ({ id: 's', fn, args });
    const viaStep = (fn: string, ...args: FieldRule['value'][]) =>
      issues(
        withRules(
          field('x', 'DeliveryAddressCity', { type: 'step', step: 's' }, { steps: [step(fn, ...args)] }),
        ),
      );
    expect(viaStep('nope')).toEqual([
      { severity: 'error', code: 'unknown-function', ruleId: 'x', target: 'DeliveryAddressCity' },
    ]);
    expect(viaStep('upper')).toEqual([
      { severity: 'error', code: 'function-arity', ruleId: 'x', target: 'DeliveryAddressCity' },
    ]);
    expect(viaStep('upper', src('shipTo'))).toEqual([
      { severity: 'error', code: 'function-type', ruleId: 'x', target: 'DeliveryAddressCity' },
    ]);
    expect(viaStep('add', src('customer'), k(1))).toEqual([
      { severity: 'warning', code: 'function-type', ruleId: 'x', target: 'DeliveryAddressCity' },
      { severity: 'warning', code: 'conversion', ruleId: 'x', target: 'DeliveryAddressCity' },
    ]);
    expect(viaStep('split', src('customer'), k(';'))).toEqual([
      { severity: 'error', code: 'incompatible-type', ruleId: 'x', target: 'DeliveryAddressCity' },
    ]);
    expect(issues(withRules(field('x', 'DeliveryAddressCity', { type: 'step', step: 'zz' })))).toEqual([
      { severity: 'error', code: 'unknown-step', ruleId: 'x', target: 'DeliveryAddressCity' },
    ]);
    expect(issues(withRules(field('x', 'DeliveryAddressCity', { type: 'mapConstant', name: 'zz' })))).toEqual(
      [{ severity: 'error', code: 'unknown-constant', ruleId: 'x', target: 'DeliveryAddressCity' }],
    );
  });

  it('reports constants that do not convert, duplicate targets and duplicate rule ids', () => {
    expect(issues(withRules(field('x', 'RequestedShippingDate', k('soon'))))).toEqual([
      { severity: 'error', code: 'invalid-constant', ruleId: 'x', target: 'RequestedShippingDate' },
    ]);
    const map = orderMap();
    map.rules.push(field('r-city', 'DeliveryAddressCity', k('Paris')));
    expect(issues(map)).toEqual([
      { severity: 'error', code: 'duplicate-rule-id', ruleId: 'r-city' },
      { severity: 'error', code: 'duplicate-target', ruleId: 'r-city', target: 'DeliveryAddressCity' },
    ]);
  });

  it('checks loops: collections on both sides, relative paths inside, parent scope', () => {
    const loop = (source: string, target: string, rules: MapRule[] = []): MapRule => ({
      id: 'L',
      kind: 'loop',
      source,
      target,
      rules,
    });
    expect(issues(withRules(loop('shipTo[]', 'SalesOrderLines[]')))).toEqual(
      expect.arrayContaining([
        {
          severity: 'error',
          code: 'loop-not-collection',
          ruleId: 'L',
          target: 'SalesOrderLines[]',
          source: 'shipTo[]',
        },
      ]),
    );
    const inner = [
      field('a', 'ItemNumber', src('sku')),
      field('b', 'SalesOrderNumber', src('orderNo')),
      field('c', 'LineDescription', src('customer', 'parent')),
    ];
    expect(issues(withRules(loop('lines[]', 'SalesOrderLines[]', inner)))).toEqual([
      {
        severity: 'error',
        code: 'unknown-source',
        ruleId: 'b',
        target: 'SalesOrderLines[].SalesOrderNumber',
        source: 'lines[].orderNo',
      },
    ]);
  });

  it('warns when no profile is known', () => {
    const r = validateMap({ ...orderMap(), source: {}, target: {} });
    expect(r.valid).toBe(true);
    expect(r.warnings.map((w) => w.code)).toEqual(['no-profile', 'no-profile']);
  });
});

describe('revalidate', () => {
  it('replaces the profile snapshots and reports what a re-imported profile broke', () => {
    const renamed: Profile = {
      ...salesOrderProfile,
      fields: salesOrderProfile.fields.map((f) =>
        f.name === 'DeliveryAddressCity' ? { ...f, name: 'DeliveryCity' } : f,
      ),
    };
    const before = orderMap();
    const { map, result } = revalidate(before, { target: renamed });
    expect(map.target.profile).toBe(renamed);
    expect(before.target.profile).toBe(salesOrderProfile);
    expect(result.valid).toBe(false);
    expect(result.errors).toEqual([
      expect.objectContaining({ code: 'unknown-target', ruleId: 'r-city', target: 'DeliveryAddressCity' }),
    ]);
  });
});
