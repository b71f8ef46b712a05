import { describe, expect, it } from 'vitest';
import type { OperationBody } from './operation.js';
import { operationGets, operationReads } from './operation-reads.js';

const body = (extra: Partial<OperationBody>): OperationBody => ({
  schemaVersion: 1,
  action: 'query',
  entitySet: 'CustomersV3',
  ...extra,
});

describe('operationReads', () => {
  it('reads a legal entity across companies, its filter and the company together', () => {
    const reads = operationReads(
      body({ legalEntity: 'usmf', filter: { op: 'eq', path: 'CustomerGroupId', value: '10' }, top: 5 }),
    );
    expect(reads).toEqual({
      filter: {
        op: 'and',
        args: [
          { op: 'eq', path: 'CustomerGroupId', value: '10' },
          { op: 'eq', path: 'dataAreaId', value: 'usmf' },
        ],
      },
      top: 5,
      crossCompany: true,
    });
  });

  it('lets a run’s parameters win, and sends no company filter without a legal entity', () => {
    expect(operationReads(body({ legalEntity: 'usmf', top: 5 }), { legalEntity: 'usrt', top: 1 })).toEqual({
      filter: { op: 'eq', path: 'dataAreaId', value: 'usrt' },
      top: 1,
      crossCompany: true,
    });
    expect(operationReads(body({ select: [], orderBy: [], pageSize: 500 }))).toEqual({ pageSize: 500 });
  });
});

describe('operationGets', () => {
  it('asks a get for its fields and navigations only: its key names the record and the company', () => {
    const get = body({
      action: 'get',
      select: ['CustomerAccount'],
      expand: [{ navigation: 'SalesOrders' }],
      filter: { op: 'eq', path: 'CustomerGroupId', value: '10' },
      legalEntity: 'usmf',
      top: 5,
    });
    expect(operationGets(get)).toEqual({
      select: ['CustomerAccount'],
      expand: [{ navigation: 'SalesOrders' }],
    });
    expect(operationGets({ ...get, select: [], expand: [], crossCompany: true })).toEqual({
      crossCompany: true,
    });
  });
});
