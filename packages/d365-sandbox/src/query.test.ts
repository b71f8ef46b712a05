import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { innerMessage, startTestSandbox, type TestSandbox } from './test-support.js';

type Rows = { value: Record<string, unknown>[]; '@odata.context': string; '@odata.count'?: number };
let t: TestSandbox;
beforeAll(async () => {
  t = await startTestSandbox();
});
afterAll(() => t.sb.stop());

describe('company scoping', () => {
  it('returns only the default company without cross-company', async () => {
    const r = await t.json<Rows>('/data/CustomersV3?$select=dataAreaId');
    expect(new Set(r.value.map((v) => v.dataAreaId))).toEqual(new Set(['usmf']));
  });

  it('returns every company with cross-company=true', async () => {
    const r = await t.json<Rows>('/data/CustomerGroups?cross-company=true&$select=dataAreaId');
    expect(new Set(r.value.map((v) => v.dataAreaId))).toEqual(new Set(['usmf', 'usrt', 'demf', 'gbsi']));
  });

  it('selects another company with cross-company=true and a dataAreaId filter (case-insensitive)', async () => {
    const r = await t.json<Rows>(
      "/data/CustomersV3?cross-company=true&$filter=dataAreaId eq 'DEMF'&$select=dataAreaId,SalesCurrencyCode",
    );
    expect(r.value.length).toBe(40);
    expect(r.value.every((v) => v.dataAreaId === 'demf' && v.SalesCurrencyCode === 'EUR')).toBe(true);
  });

  it('finds nothing in another company when the filter lacks cross-company', async () => {
    const r = await t.json<Rows>("/data/CustomersV3?$filter=dataAreaId eq 'demf'");
    expect(r.value).toEqual([]);
  });
});

describe('entity sets', () => {
  it('answers 404 for unknown sets and for the wrong case', async () => {
    expect((await t.call('/data/NoSuchEntities')).status).toBe(404);
    expect((await t.call('/data/customersv3')).status).toBe(404);
    expect((await t.call('/data/CustomerV3')).status).toBe(404);
  });
});

describe('enums', () => {
  it('serialises enums as member names', async () => {
    const r = await t.json<Rows>('/data/CustomersV3?$top=1&$select=PartyType,AddressTimeZone');
    expect(r.value[0]).toMatchObject({ PartyType: 'Organization', AddressTimeZone: null });
  });

  it('filters with Namespace.Enum literals', async () => {
    const r = await t.json<Rows>(
      "/data/Prospects?$filter=Status eq Microsoft.Dynamics.DataEntities.ProspectStatus'Lost'&$select=Status",
    );
    expect(r.value.length).toBeGreaterThan(0);
    expect(r.value.every((v) => v.Status === 'Lost')).toBe(true);
    const ne = await t.json<Rows>(
      "/data/Prospects?$filter=Status ne Microsoft.Dynamics.DataEntities.ProspectStatus'Lost'&$select=Status",
    );
    expect(ne.value.length + r.value.length).toBe(10);
  });

  it('refuses gt/lt on enums, plain strings against enums and unknown members', async () => {
    const gt = await t.call(
      "/data/Prospects?$filter=Status gt Microsoft.Dynamics.DataEntities.ProspectStatus'Open'",
    );
    expect(gt.status).toBe(400);
    expect(await innerMessage(gt)).toContain("Only 'eq' and 'ne'");
    const plain = await t.call("/data/Prospects?$filter=Status eq 'Lost'");
    expect(plain.status).toBe(400);
    expect(await innerMessage(plain)).toContain('incompatible types');
    const bad = await t.call(
      "/data/Prospects?$filter=Status eq Microsoft.Dynamics.DataEntities.ProspectStatus'Nope'",
    );
    expect(bad.status).toBe(400);
  });
});

describe('dates', () => {
  it('writes date-only fields at 12:00 UTC and empty dates as 1900-01-01T12:00:00Z', async () => {
    const r = await t.json<Rows>('/data/VendorsV2?$select=VendorAccountNumber,VendorHoldReleaseDate');
    const dates = r.value.map((v) => v.VendorHoldReleaseDate as string);
    expect(dates.every((d) => /^\d{4}-\d{2}-\d{2}T12:00:00Z$/.test(d))).toBe(true);
    expect(dates).toContain('1900-01-01T12:00:00Z');
    expect(dates.some((d) => d !== '1900-01-01T12:00:00Z')).toBe(true);
  });

  it('writes an open-ended ValidTo as 2154-12-31T23:59:59Z', async () => {
    const r = await t.json<Rows>('/data/ContactPersons?$top=1&$select=PrimaryAddressValidTo');
    expect(r.value[0]!.PrimaryAddressValidTo).toBe('2154-12-31T23:59:59Z');
  });

  it('keeps utcdatetime values with their time and filters by DateTimeOffset literals', async () => {
    const r = await t.json<Rows>(
      '/data/SalesOrderHeadersV2?$filter=OrderCreationDateTime ge 2025-01-01T00:00:00Z&$select=OrderCreationDateTime',
    );
    expect(r.value.length).toBeGreaterThan(0);
    expect(r.value.every((v) => (v.OrderCreationDateTime as string) >= '2025-01-01T00:00:00Z')).toBe(true);
  });
});

describe('$filter', () => {
  it('treats * inside eq as a wildcard (contains, prefix, suffix)', async () => {
    const all = await t.json<Rows>('/data/CustomersV3?$select=OrganizationName');
    const names = all.value.map((v) => v.OrganizationName as string);
    const contains = await t.json<Rows>(
      "/data/CustomersV3?$filter=OrganizationName eq '*wind*'&$select=OrganizationName",
    );
    expect(contains.value.length).toBe(names.filter((n) => n.toLowerCase().includes('wind')).length);
    const prefix = await t.json<Rows>(
      "/data/CustomersV3?$filter=OrganizationName eq 'north*'&$select=OrganizationName",
    );
    expect(prefix.value.length).toBe(names.filter((n) => n.toLowerCase().startsWith('north')).length);
  });

  it('rejects in, has and string functions with an error', async () => {
    for (const f of [
      "CustomerGroupId in ('10','20')",
      "PartyType has Microsoft.Dynamics.DataEntities.DirPartyBaseType'Person'",
    ]) {
      const r = await t.call(`/data/CustomersV3?$filter=${encodeURIComponent(f)}`);
      expect(r.status).toBe(400);
      expect(await innerMessage(r)).toMatch(/query operator '(in|has)' is not supported/);
    }
    for (const fn of ['startswith', 'contains', 'endswith']) {
      const r = await t.call(`/data/CustomersV3?$filter=${fn}(OrganizationName,'N')`);
      expect(r.status).toBe(400);
      expect(await innerMessage(r)).toContain(`unknown function with name '${fn}'`);
    }
  });

  it('combines and/or/not with comparison and arithmetic operators', async () => {
    const r = await t.json<Rows>(
      "/data/CustomersV3?$filter=(CreditLimit gt 1000 and CustomerGroupId eq '10') or not (CreditLimit add 0 ge 0)&$select=CreditLimit,CustomerGroupId",
    );
    expect(r.value.every((v) => (v.CreditLimit as number) > 1000 && v.CustomerGroupId === '10')).toBe(true);
  });

  it('refuses comparing a property with a literal of another type', async () => {
    const filters = [
      "TotalDiscountPercentage gt 'abc'",
      'SalesOrderNumber eq 10',
      "SalesOrderName eq Microsoft.Dynamics.DataEntities.NoYes'Yes'",
      "OrderCreationDateTime gt 'x'",
    ];
    for (const f of filters) {
      const r = await t.call(`/data/SalesOrderHeadersV2?$filter=${encodeURIComponent(f)}`);
      expect(r.status).toBe(400);
      expect(await innerMessage(r)).toContain('incompatible types');
    }
  });

  it('names the unknown property', async () => {
    const r = await t.call("/data/CustomersV3?$filter=Nope eq 'x'");
    expect(r.status).toBe(400);
    expect(await innerMessage(r)).toContain("Could not find a property named 'Nope'");
  });
});

describe('$select, $orderby, $top, $skip, $expand', () => {
  it('selects, orders and pages', async () => {
    const r = await t.json<Rows>(
      '/data/CustomersV3?$select=CustomerAccount,CreditLimit&$orderby=CreditLimit desc,CustomerAccount&$top=5&$skip=2',
    );
    expect(r['@odata.context']).toMatch(/\$metadata#CustomersV3\(CustomerAccount,CreditLimit\)$/);
    expect(r.value).toHaveLength(5);
    expect(Object.keys(r.value[0]!)).toEqual(['@odata.etag', 'CustomerAccount', 'CreditLimit']);
    const limits = r.value.map((v) => v.CreditLimit as number);
    expect([...limits].sort((a, b) => b - a)).toEqual(limits);
    const all = await t.json<Rows>(
      '/data/CustomersV3?$select=CustomerAccount&$orderby=CreditLimit desc,CustomerAccount',
    );
    expect(r.value.map((v) => v.CustomerAccount)).toEqual(
      all.value.slice(2, 7).map((v) => v.CustomerAccount),
    );
  });

  it('expands the first level with a nested $select and writes F&O context URL', async () => {
    const r = await t.json<Rows>(
      '/data/SalesOrderHeadersV2?$top=1&$select=SalesOrderNumber&$expand=SalesOrderLines($select=InventoryLotId,ItemNumber,SalesOrderNumber)',
    );
    expect(r['@odata.context']).toMatch(
      /#SalesOrderHeadersV2\(SalesOrderNumber,SalesOrderLines,SalesOrderLines\(InventoryLotId,ItemNumber,SalesOrderNumber\)\)$/,
    );
    const order = r.value[0]!;
    const lines = order.SalesOrderLines as Record<string, unknown>[];
    expect(lines.length).toBeGreaterThan(0);
    expect(lines.every((l) => l.SalesOrderNumber === order.SalesOrderNumber)).toBe(true);
    expect(Object.keys(lines[0]!)).toEqual([
      '@odata.etag',
      'InventoryLotId',
      'ItemNumber',
      'SalesOrderNumber',
    ]);
  });

  it('expands single-valued navigation properties', async () => {
    const r = await t.json<Rows>('/data/CustomersV3?$top=1&$select=CustomerGroupId&$expand=CustomerGroup');
    const c = r.value[0]!;
    expect((c.CustomerGroup as Record<string, unknown>).CustomerGroupId).toBe(c.CustomerGroupId);
  });

  it('refuses a second $expand level and unknown query options', async () => {
    const deep = await t.call('/data/SalesOrderHeadersV2?$expand=SalesOrderLines($expand=SalesOrderHeader)');
    expect(deep.status).toBe(400);
    expect(await innerMessage(deep)).toContain('maximum depth allowed is 1');
    const apply = await t.call('/data/CustomersV3?$apply=groupby((CustomerGroupId))');
    expect(apply.status).toBe(400);
  });
});

describe('odata.metadata levels', () => {
  it('annotates types, ids and navigation links with odata.metadata=full', async () => {
    const r = await t.call(
      '/data/SalesOrderHeadersV2?$top=1&$select=SalesOrderNumber,RequestedShippingDate,SalesOrderStatus',
      {
        headers: { accept: 'application/json;odata.metadata=full' },
      },
    );
    expect(r.headers.get('content-type')).toContain('odata.metadata=full');
    const rec = ((await r.json()) as Rows).value[0]!;
    expect(rec['@odata.type']).toBe('#Microsoft.Dynamics.DataEntities.SalesOrderHeaderV2');
    expect(rec['@odata.id']).toMatch(
      /\/data\/SalesOrderHeadersV2\(dataAreaId='usmf',SalesOrderNumber='USMF-SO-000001'\)$/,
    );
    expect(rec['RequestedShippingDate@odata.type']).toBe('#DateTimeOffset');
    expect(rec['SalesOrderStatus@odata.type']).toBe('#Microsoft.Dynamics.DataEntities.SalesStatus');
    expect(rec['SalesOrderLines@odata.navigationLink']).toMatch(/\/SalesOrderLines$/);
  });

  it('drops every annotation with odata.metadata=none', async () => {
    const r = await t.call(
      "/data/CustomersV3(dataAreaId='usmf',CustomerAccount='USMF-000001')?$select=CustomerAccount",
      {
        headers: { accept: 'application/json;odata.metadata=none' },
      },
    );
    expect(await r.json()).toEqual({ CustomerAccount: 'USMF-000001' });
  });
});
