import type { MapDefinition } from '@flowline/contracts';
import { describe, expect, it } from 'vitest';
import { compileMap, mapDocuments } from './compile.js';
import { generate } from './compile-codegen.js';
import { builtinFunctions } from './functions/registry.js';
import { defineFunction } from './functions/types.js';
import { rootScope } from './scope.js';
import { orderMap, salesOrderProfile, webOrder, webOrderProfile } from './test-fixtures/orders.js';

/** Would break out of a string literal if it were ever written into the code. */
const EVIL = '"); hacked = 1; ("';

describe('generated map function', () => {
  it('keeps every user value out of the generated code', () => {
    const map: MapDefinition = {
      schemaVersion: 1,
      name: EVIL,
      source: {},
      target: {},
      constants: { [EVIL]: EVIL },
      rules: [
        { id: EVIL, kind: 'field', target: EVIL, value: { type: 'source', path: `${EVIL}.x` } },
        { id: 'b', kind: 'field', target: 'B', value: { type: 'mapConstant', name: EVIL } },
        {
          id: 'c',
          kind: 'field',
          target: 'C',
          steps: [
            {
              id: EVIL,
              fn: 'concat',
              args: [
                { type: 'constant', value: EVIL },
                { type: 'variable', name: EVIL },
              ],
            },
          ],
          value: { type: 'step', step: EVIL },
        },
        { id: 'l', kind: 'loop', source: `${EVIL}[]`, target: `${EVIL}[]`, rules: [] },
      ],
    };
    const { source } = generate(
      map.rules,
      rootScope(undefined, undefined),
      builtinFunctions,
      map.constants!,
      true,
    );
    for (const part of ['hacked', 'concat', EVIL, 'B', 'C']) expect(source).not.toContain(part);
    const { output } = compileMap(map)({ [EVIL]: { x: 1 } });
    expect(output).toEqual({ [EVIL]: 1, B: EVIL, C: EVIL });
    expect('hacked' in globalThis).toBe(false);
  });

  it('gives the same outputs and errors as the closure form', () => {
    const generated = compileMap(orderMap());
    const closures = compileMap(orderMap(), { generate: false });
    const docs = [
      webOrder,
      {
        ...webOrder,
        shipTo: { city: 'Rome', country: 'IT' },
        lines: [{ sku: 'X', qty: 'many', price: 1 }, 7, null],
      },
      { ...webOrder, lines: 'none' },
      { orderNo: 3, customer: null, orderedAt: 'yesterday' },
    ];
    expect(mapDocuments(generated, docs)).toEqual(mapDocuments(closures, docs));
    expect(mapDocuments(generated, docs)[3]!.errors).toEqual([
      {
        ruleId: 'r-date',
        target: 'RequestedShippingDate',
        step: 'd',
        document: 3,
        message: "toFnoDate: 'yesterday' is not an ISO date-time",
      },
    ]);
  });

  it('never shows a field no rule wrote (outputs start from a full-size template)', () => {
    const run = compileMap(orderMap());
    const { output } = run({ orderNo: '1', lines: [{ sku: 'A' }] });
    expect(Object.keys(output)).toEqual([
      'dataAreaId',
      'SalesOrderNumber',
      'OrderingCustomerAccountNumber',
      'RequestedShippingDate',
      'DeliveryAddressCountryRegionId', // lookup of an empty key writes null
      'SalesOrderLines',
    ]);
    const line = (output.SalesOrderLines as Record<string, unknown>[])[0]!;
    // No price: `multiply` gives null (written); the quantity's default applies.
    expect(line).toEqual({
      SalesOrderNumber: 'WEB-1',
      LineNumber: 1,
      ItemNumber: 'A',
      OrderedSalesQuantity: 1,
      LineAmount: null,
    });
    expect(Object.keys(line)).toHaveLength(5);
    expect(Object.keys(run(webOrder).output)).toHaveLength(7);
  });

  it('computes a pure step shared by several rules once per document, and impure ones every time', () => {
    let calls = 0;
    const slow = defineFunction({
      id: 'slowUpper',
      category: 'string',
      description: 'counts its calls',
      inputs: [{ name: 'text', type: 'string', description: 'text' }],
      output: 'string',
      examples: [],
      impl: ([v]) => {
        calls++;
        return String(v).toUpperCase();
      },
    });
    const step = { id: 's', fn: 'slowUpper', args: [{ type: 'source' as const, path: 'customer' }] };
    const seq = { id: 'q', fn: 'sequence', args: [{ type: 'constant' as const, value: 'n' }] };
    const map: MapDefinition = {
      ...orderMap(),
      rules: [
        { id: 'a', kind: 'field', target: 'A', steps: [step], value: { type: 'step', step: 's' } },
        { id: 'b', kind: 'field', target: 'B', steps: [step], value: { type: 'step', step: 's' } },
        { id: 'c', kind: 'field', target: 'C', steps: [seq], value: { type: 'step', step: 'q' } },
        { id: 'd', kind: 'field', target: 'D', steps: [seq], value: { type: 'step', step: 'q' } },
      ],
    };
    const { output } = compileMap(map, { functions: [slow] })({ customer: 'x' });
    expect(output).toEqual({ A: 'X', B: 'X', C: 1, D: 2 });
    expect(calls).toBe(1);
  });

  it('converts constants once, and reports a constant that does not convert on each document', () => {
    const map: MapDefinition = {
      ...orderMap(),
      rules: [
        { id: 'a', kind: 'field', target: 'SalesOrderNumber', value: { type: 'constant', value: 42 } },
        {
          id: 'b',
          kind: 'field',
          target: 'RequestedShippingDate',
          value: { type: 'constant', value: 'soon' },
        },
      ],
    };
    const run = compileMap(map);
    expect(run({}).output).toEqual({ SalesOrderNumber: '42' });
    expect(run({}, { document: 'd1' }).errors).toEqual([
      {
        ruleId: 'b',
        target: 'RequestedShippingDate',
        document: 'd1',
        message: "'soon' is not an ISO date-time",
      },
    ]);
  });

  it('reads the parent and the root from inside nested loops', () => {
    const map: MapDefinition = {
      schemaVersion: 1,
      name: 'nested',
      source: { profile: webOrderProfile },
      target: { profile: salesOrderProfile },
      rules: [
        {
          id: 'outer',
          kind: 'loop',
          source: 'groups[]',
          target: 'Groups[]',
          rules: [
            {
              id: 'inner',
              kind: 'loop',
              source: 'items[]',
              target: 'Items[]',
              rules: [
                {
                  id: 'g',
                  kind: 'field',
                  target: 'Group',
                  value: { type: 'source', path: 'name', scope: 'parent' },
                },
                {
                  id: 'o',
                  kind: 'field',
                  target: 'Order',
                  value: { type: 'source', path: 'orderNo', scope: 'root' },
                },
                {
                  id: 'p',
                  kind: 'field',
                  target: 'Pos',
                  steps: [{ id: 'p', fn: 'position', args: [] }],
                  value: { type: 'step', step: 'p' },
                },
              ],
            },
          ],
        },
      ],
    };
    const doc = {
      orderNo: 'O1',
      groups: [
        { name: 'g1', items: [{}, {}] },
        { name: 'g2', items: [{}] },
      ],
    };
    const expected = {
      Groups: [
        {
          Items: [
            { Group: 'g1', Order: 'O1', Pos: 1 },
            { Group: 'g1', Order: 'O1', Pos: 2 },
          ],
        },
        { Items: [{ Group: 'g2', Order: 'O1', Pos: 1 }] },
      ],
    };
    expect(compileMap(map)(doc).output).toEqual(expected);
    expect(compileMap(map, { generate: false })(doc).output).toEqual(expected);
  });

  it('writes nested target paths', () => {
    const map: MapDefinition = {
      schemaVersion: 1,
      name: 'nested target',
      source: {},
      target: {},
      rules: [
        { id: 'a', kind: 'field', target: 'Address.City', value: { type: 'source', path: 'city' } },
        { id: 'b', kind: 'field', target: 'Address.Zip', value: { type: 'constant', value: '10115' } },
      ],
    };
    const expected = { output: { Address: { City: 'Berlin', Zip: '10115' } }, errors: [] };
    expect(compileMap(map)({ city: 'Berlin' })).toEqual(expected);
    expect(compileMap(map, { generate: false })({ city: 'Berlin' })).toEqual(expected);
  });

  it('runs as closures where code generation is forbidden (a strict CSP)', () => {
    const real = globalThis.Function;
    let refused = 0;
    class Forbidden {
      constructor() {
        refused++;
        throw new EvalError('Code generation from strings disallowed for this context');
      }
    }
    globalThis.Function = Forbidden as unknown as FunctionConstructor;
    let run: ReturnType<typeof compileMap>;
    try {
      run = compileMap(orderMap());
    } finally {
      globalThis.Function = real;
    }
    expect(refused).toBe(1);
    expect(run(webOrder)).toEqual(compileMap(orderMap())(webOrder));
  });
});
