import type { MapDefinition } from '@flowline/contracts';
import { describe, expect, it } from 'vitest';
import { compileMap, MapCompileError, mapDocuments } from './compile.js';
import { orderMap, webOrder } from './test-fixtures/orders.js';

describe('compileMap', () => {
  it('maps a document with constants, function chains, defaults, nested paths and a loop', () => {
    const { output, errors } = compileMap(orderMap())(webOrder);
    expect(errors).toEqual([]);
    expect(output).toEqual({
      dataAreaId: 'usmf',
      SalesOrderNumber: 'WEB-1001',
      OrderingCustomerAccountNumber: 'US-001',
      RequestedShippingDate: '2026-01-16T12:00:00Z',
      DeliveryAddressCity: 'Berlin',
      DeliveryAddressCountryRegionId: 'DEU',
      SalesOrderLines: [
        {
          SalesOrderNumber: 'WEB-1001',
          LineNumber: 1,
          ItemNumber: 'A-100',
          OrderedSalesQuantity: 3,
          LineAmount: 59.97,
        },
        {
          SalesOrderNumber: 'WEB-1001',
          LineNumber: 3,
          ItemNumber: 'B-200',
          OrderedSalesQuantity: 0.1,
          LineAmount: 0.02,
        },
      ],
    });
  });

  it('uses the default when the value is empty, and writes nothing for a missing field without default', () => {
    const { output } = compileMap(orderMap())({ orderNo: '7', customer: '   ' });
    expect(output.OrderingCustomerAccountNumber).toBe('CASH');
    expect(output).not.toHaveProperty('DeliveryAddressCity');
    expect(output).not.toHaveProperty('SalesOrderLines');
  });

  it('converts values to the target Edm kind (number to string, text to Int64 exactly)', () => {
    const map: MapDefinition = {
      ...orderMap(),
      rules: [
        { id: 'a', kind: 'field', target: 'SalesOrderNumber', value: { type: 'source', path: 'orderNo' } },
        {
          id: 'b',
          kind: 'field',
          target: 'RecId',
          value: { type: 'constant', value: '9223372036854775807' },
        },
      ],
    };
    const { output } = compileMap(map)({ orderNo: 1001 });
    expect(output).toEqual({ SalesOrderNumber: '1001', RecId: '9223372036854775807' });
    expect(compileMap(map, { coerce: false })({ orderNo: 1001 }).output.SalesOrderNumber).toBe(1001);
  });

  it('reports a failing rule with document and full target path; other rules and documents are unaffected', () => {
    const run = compileMap(orderMap());
    const bad = {
      ...webOrder,
      shipTo: { city: 'Rome', country: 'IT' },
      lines: [{ sku: 'X', qty: 'many', price: 1 }],
    };
    const results = mapDocuments(run, [webOrder, bad, webOrder]);
    expect(results[0]!.errors).toEqual([]);
    expect(results[2]!.errors).toEqual([]);
    expect(results[1]!.errors).toEqual([
      {
        ruleId: 'r-country',
        target: 'DeliveryAddressCountryRegionId',
        step: 'l',
        document: 1,
        message: "lookup: 'IT' is not in the lookup table",
      },
      {
        ruleId: 'r-qty',
        target: 'SalesOrderLines[0].OrderedSalesQuantity',
        document: 1,
        message: "'many' is not a number",
      },
      {
        ruleId: 'r-amount',
        target: 'SalesOrderLines[0].LineAmount',
        step: 'm',
        document: 1,
        message: "multiply: 'many' is not a number",
      },
    ]);
    expect(results[1]!.output.SalesOrderNumber).toBe('WEB-1001');
    expect(results[1]!.output.SalesOrderLines).toEqual([
      { SalesOrderNumber: 'WEB-1001', LineNumber: 1, ItemNumber: 'X' },
    ]);
  });

  it('reports a source that is not a collection on the loop rule', () => {
    const { errors } = compileMap(orderMap())({ ...webOrder, lines: 'none' });
    expect(errors).toEqual([
      {
        ruleId: 'r-lines',
        target: 'SalesOrderLines[]',
        message: "source 'lines[]' is not a collection: 'none'",
      },
    ]);
  });

  it('skips a rule whose condition is false and reads variables, lookups and counters from the context', () => {
    const map: MapDefinition = {
      schemaVersion: 1,
      name: 'ctx',
      source: {},
      target: {},
      rules: [
        {
          id: 'c',
          kind: 'field',
          target: 'Flag',
          steps: [
            {
              id: 'e',
              fn: 'equals',
              args: [
                { type: 'source', path: 'kind' },
                { type: 'constant', value: 'B2B' },
              ],
            },
          ],
          condition: { type: 'step', step: 'e' },
          value: { type: 'constant', value: 'Yes' },
        },
        { id: 'v', kind: 'field', target: 'Run', value: { type: 'variable', name: 'runId' } },
        {
          id: 'x',
          kind: 'field',
          target: 'Group',
          steps: [
            {
              id: 'g',
              fn: 'crossReference',
              args: [
                { type: 'constant', value: 'groups' },
                { type: 'source', path: 'grp' },
              ],
            },
          ],
          value: { type: 'step', step: 'g' },
        },
        {
          id: 'n',
          kind: 'field',
          target: 'No',
          steps: [{ id: 's', fn: 'sequence', args: [{ type: 'constant', value: 'doc' }] }],
          value: { type: 'step', step: 's' },
        },
      ],
    };
    const run = compileMap(map);
    const ctx = { variables: { runId: 'R1' }, lookups: { groups: { '10': 'Wholesale' } } };
    expect(run({ kind: 'B2C', grp: '10' }, ctx).output).toEqual({ Run: 'R1', Group: 'Wholesale', No: 1 });
    expect(run({ kind: 'B2B', grp: 10 }, ctx).output).toEqual({
      Flag: 'Yes',
      Run: 'R1',
      Group: 'Wholesale',
      No: 2,
    });
    expect(run({}, { counters: new Map([['doc', 41]]) }).output.No).toBe(42);
  });

  it('refuses to compile unknown functions, later steps and unknown constants, naming the rule', () => {
    const base = orderMap();
    const withRule = (rule: MapDefinition['rules'][number]): MapDefinition => ({ ...base, rules: [rule] });
    expect(() =>
      compileMap(
        withRule({
          id: 'q',
          kind: 'field',
          target: 'A',
          steps: [{ id: 's', fn: 'nope', args: [] }],
          value: { type: 'step', step: 's' },
        }),
      ),
    ).toThrow(MapCompileError);
    expect(() =>
      compileMap(
        withRule({
          id: 'q',
          kind: 'field',
          target: 'A',
          steps: [{ id: 's', fn: 'nope', args: [] }],
          value: { type: 'step', step: 's' },
        }),
      ),
    ).toThrow("rule 'q' (target 'A'): unknown function 'nope' in step 's'");
    expect(() =>
      compileMap(
        withRule({
          id: 'q',
          kind: 'field',
          target: 'A',
          steps: [{ id: 's', fn: 'upper', args: [{ type: 'step', step: 's' }] }],
          value: { type: 'step', step: 's' },
        }),
      ),
    ).toThrow(/unknown step 's'/);
    expect(() =>
      compileMap(
        withRule({ id: 'q', kind: 'field', target: 'A', value: { type: 'mapConstant', name: 'zz' } }),
      ),
    ).toThrow(/unknown map constant 'zz'/);
  });

  it('never runs user text as code', () => {
    const map: MapDefinition = {
      schemaVersion: 1,
      name: 'inject',
      source: {},
      target: {},
      rules: [
        {
          id: 'a',
          kind: 'field',
          target: 'constructor',
          value: { type: 'constant', value: '");process.exit(1);("' },
        },
        { id: 'b', kind: 'field', target: 'B', value: { type: 'source', path: '__proto__.polluted' } },
      ],
    };
    const { output } = compileMap(map)({});
    expect(output.constructor).toBe('");process.exit(1);("');
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });
});

describe('trace', () => {
  it('records rule, inputs, each function step and the written value per field', () => {
    const { trace, output } = compileMap(orderMap())(webOrder, { trace: true });
    expect(output.SalesOrderNumber).toBe('WEB-1001');
    const cust = trace!.find((t) => t.ruleId === 'r-cust');
    expect(cust).toEqual({
      ruleId: 'r-cust',
      target: 'OrderingCustomerAccountNumber',
      inputs: [{ source: 'customer', value: '  us-001 ' }],
      steps: [
        { id: 't', fn: 'trim', args: ['  us-001 '], result: 'us-001' },
        { id: 'u', fn: 'upper', args: ['us-001'], result: 'US-001' },
      ],
      value: 'US-001',
    });
    const amounts = trace!.filter((t) => t.ruleId === 'r-amount');
    expect(amounts.map((t) => t.target)).toEqual([
      'SalesOrderLines[0].LineAmount',
      'SalesOrderLines[1].LineAmount',
    ]);
    expect(amounts[1]!.inputs).toEqual([
      { source: 'lines[].qty', value: 0.1 },
      { source: 'lines[].price', value: 0.2 },
    ]);
    expect(amounts[1]!.steps.map((s) => s.result)).toEqual([0.02, 0.02]);
    const lineOrder = trace!.find((t) => t.ruleId === 'r-line-order');
    expect(lineOrder!.inputs).toEqual([{ source: 'orderNo', value: '1001' }]);
  });

  it('marks skipped, defaulted and failed fields', () => {
    const { trace } = compileMap(orderMap())(
      { orderNo: '1', customer: '', shipTo: { country: 'IT' } },
      { trace: true },
    );
    expect(trace!.find((t) => t.ruleId === 'r-cust')).toMatchObject({ defaulted: true, value: 'CASH' });
    expect(trace!.find((t) => t.ruleId === 'r-country')).toMatchObject({
      error: "lookup: 'IT' is not in the lookup table",
    });
    expect(trace!.find((t) => t.ruleId === 'r-city')).not.toHaveProperty('value');
  });

  it('gives the same output with and without trace', () => {
    const run = compileMap(orderMap());
    expect(run(webOrder, { trace: true }).output).toEqual(run(webOrder).output);
  });
});
