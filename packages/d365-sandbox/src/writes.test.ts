import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { innerMessage, startTestSandbox, type TestSandbox } from './test-support.js';

let t: TestSandbox;
beforeAll(async () => {
  t = await startTestSandbox();
});
afterAll(() => t.sb.stop());

const decodeEtag = (tag: string): string =>
  Buffer.from(/^W\/"(.*)"$/.exec(tag)![1]!, 'base64').toString('utf8');

describe('create', () => {
  it('answers 201 with the full entity, defaults and a number-sequence key', async () => {
    const r = await t.call('/data/CustomersV3', {
      method: 'POST',
      body: {
        '@odata.type': '#Microsoft.Dynamics.DataEntities.CustomerV3',
        CustomerGroupId: '10',
        SalesCurrencyCode: 'USD',
        OrganizationName: 'New Co',
      },
    });
    expect(r.status).toBe(201);
    const body = (await r.json()) as Record<string, unknown>;
    expect(body['@odata.context']).toBe(`${t.sb.url}/data/$metadata#CustomersV3/$entity`);
    expect(body.CustomerAccount).toMatch(/^US-\d{6}$/);
    expect(body.dataAreaId).toBe('usmf');
    expect(body.OnHoldStatus).toBe('No');
    expect(body.CreditLimit).toBe(0);
    expect(Object.keys(body).length).toBeGreaterThan(300);
    expect(decodeEtag(body['@odata.etag'] as string)).toMatch(/^'1,\d+'$/);
    expect(r.headers.get('location')).toContain(`CustomerAccount='${body.CustomerAccount}'`);
  });

  it('writes to another company named in the body', async () => {
    const r = await t.call('/data/CustomerGroups', {
      method: 'POST',
      body: { dataAreaId: 'demf', CustomerGroupId: 'NEW', Description: 'x' },
    });
    expect(r.status).toBe(201);
    expect(t.sb.admin.count('CustomerGroups', 'demf')).toBe(7);
  });

  it('refuses a duplicate with the Infolog in innererror', async () => {
    const r = await t.call('/data/CustomerGroups', { method: 'POST', body: { CustomerGroupId: '10' } });
    expect(r.status).toBe(500);
    const body = (await r.json()) as {
      error: { code: string; message: string; innererror: { message: string; type: string } };
    };
    expect(body.error.code).toBe('');
    expect(body.error.message).toBe('An error has occurred.');
    expect(body.error.innererror.type).toBe(
      'Microsoft.Dynamics.Platform.Integration.Services.OData.AxODataWriteException',
    );
    expect(body.error.innererror.message).toMatch(
      /^Write failed for table row of type 'CustCustomerGroupEntity'\. Infolog: .*The record already exists/,
    );
  });

  it('normalises a date-only value to 12:00 UTC', async () => {
    const r = await t.call('/data/Prospects', {
      method: 'POST',
      body: { Name: 'P', FirstContactDate: '2025-03-04T00:00:00Z', CustomerGroupId: '10' },
    });
    expect(r.status).toBe(201);
    expect(((await r.json()) as { FirstContactDate: string }).FirstContactDate).toBe('2025-03-04T12:00:00Z');
  });
});

describe('validation', () => {
  const post = (body: unknown) => t.call('/data/CustomersV3', { method: 'POST', body });
  const base = { CustomerGroupId: '10', SalesCurrencyCode: 'USD' };

  it('refuses unknown fields (400)', async () => {
    const r = await post({ ...base, Colour: 'red' });
    expect(r.status).toBe(400);
    expect(await innerMessage(r)).toContain(
      "The property 'Colour' does not exist on type 'Microsoft.Dynamics.DataEntities.CustomerV3'",
    );
  });

  it('refuses wrong Edm types (400)', async () => {
    const r = await post({ ...base, CreditLimit: 'lots' });
    expect(r.status).toBe(400);
    expect(await innerMessage(r)).toContain("'Edm.Decimal' of property 'CreditLimit'");
    expect((await post({ ...base, OrganizationName: 42 })).status).toBe(400);
    expect((await post({ ...base, OrganizationName: null })).status).toBe(400);
  });

  it('refuses invalid enum members (400)', async () => {
    const r = await post({ ...base, OnHoldStatus: 'Robot' });
    expect(r.status).toBe(400);
    expect(await innerMessage(r)).toContain(
      "'Robot' is not a valid member of enum type 'Microsoft.Dynamics.DataEntities.CustVendorBlocked'",
    );
  });

  it('refuses missing mandatory fields, over-long strings and unknown related rows (500 + Infolog)', async () => {
    const missing = await post({ SalesCurrencyCode: 'USD' });
    expect(missing.status).toBe(500);
    expect(await innerMessage(missing)).toContain("Field 'Customer group id' must be filled in.");
    const long = await post({ ...base, OrganizationName: 'x'.repeat(101) });
    expect(long.status).toBe(500);
    expect(await innerMessage(long)).toContain('101 characters long; the maximum is 100');
    const fk = await post({ ...base, CustomerGroupId: 'Local' });
    expect(fk.status).toBe(500);
    expect(await innerMessage(fk)).toContain(
      "The value 'Local' in field 'Customer group id' is not found in the related table",
    );
    expect(t.sb.admin.dump('CustomersV3').some((c) => c.CustomerGroupId === 'Local')).toBe(false);
  });
});

describe('update and delete', () => {
  const key = "/data/CustomerGroups(dataAreaId='usmf',CustomerGroupId='20')";

  it('PATCH answers 204 and changes the ETag on every write; stale If-Match gets 412, * passes', async () => {
    const before = (await t.call(key)).headers.get('etag')!;
    const p1 = await t.call(key, {
      method: 'PATCH',
      body: { Description: 'Changed' },
      headers: { 'if-match': before },
    });
    expect(p1.status).toBe(204);
    const after = (await t.call(key)).headers.get('etag')!;
    expect(after).not.toBe(before);
    const [v1, id1] = decodeEtag(before).slice(1, -1).split(',');
    const [v2, id2] = decodeEtag(after).slice(1, -1).split(',');
    expect(id2).toBe(id1);
    expect(v2).not.toBe(v1);
    const stale = await t.call(key, {
      method: 'PATCH',
      body: { Description: 'Again' },
      headers: { 'if-match': before },
    });
    expect(stale.status).toBe(412);
    expect(
      (await t.call(key, { method: 'PATCH', body: { Description: 'Star' }, headers: { 'if-match': '*' } }))
        .status,
    ).toBe(204);
    expect(((await (await t.call(key)).json()) as { Description: string }).Description).toBe('Star');
  });

  it('PUT replaces the record (204)', async () => {
    const r = await t.call(key, { method: 'PUT', body: { Description: 'Put' } });
    expect(r.status).toBe(204);
    const body = (await (await t.call(key)).json()) as Record<string, unknown>;
    expect(body.Description).toBe('Put');
    expect(body.PaymentTermId).toBe('');
  });

  it('PATCH on the collection is 400; PATCH on a missing key is 404 (no upsert)', async () => {
    const coll = await t.call('/data/CustomerGroups', { method: 'PATCH', body: { Description: 'x' } });
    expect(coll.status).toBe(400);
    expect(await innerMessage(coll)).toContain('More than one resource');
    const missing = await t.call("/data/CustomerGroups(dataAreaId='usmf',CustomerGroupId='ZZ')", {
      method: 'PATCH',
      body: { Description: 'x' },
    });
    expect(missing.status).toBe(404);
    expect(t.sb.admin.dump('CustomerGroups').some((g) => g.CustomerGroupId === 'ZZ')).toBe(false);
  });

  it('DELETE answers 204 and the record is gone', async () => {
    const k = "/data/Prospects(dataAreaId='usmf',ProspectId='USMF-PR-00001')";
    const before = t.sb.admin.count('Prospects', 'usmf');
    expect((await t.call(k, { method: 'DELETE' })).status).toBe(204);
    expect((await t.call(k)).status).toBe(404);
    expect(t.sb.admin.count('Prospects', 'usmf')).toBe(before - 1);
  });
});

describe('bound actions', () => {
  it('invokes a collection-bound action with JSON parameters', async () => {
    const r = await t.call(
      '/data/DataManagementDefinitionGroups/Microsoft.Dynamics.DataEntities.ExportToPackage',
      {
        method: 'POST',
        body: {
          definitionGroupId: 'g',
          packageName: 'p',
          executionId: 'exec-1',
          reExecute: false,
          legalEntityId: 'usmf',
        },
      },
    );
    expect(r.status).toBe(200);
    expect(await r.json()).toEqual({
      '@odata.context': `${t.sb.url}/data/$metadata#Edm.String`,
      value: 'exec-1',
    });
  });

  it('invokes an entity-bound action on a key', async () => {
    const r = await t.call(
      "/data/SalesOrderHeadersV2(dataAreaId='usmf',SalesOrderNumber='USMF-SO-000001')/Microsoft.Dynamics.DataEntities.CalculateOrderTotal",
      { method: 'POST', body: {} },
    );
    expect(r.status).toBe(200);
    const body = (await r.json()) as { value: number; '@odata.context': string };
    expect(body['@odata.context']).toMatch(/#Edm\.Decimal$/);
    expect(body.value).toBeGreaterThan(0);
  });

  it('answers 404 for an action that is not bound there', async () => {
    const r = await t.call('/data/CustomersV3/Microsoft.Dynamics.DataEntities.ExportToPackage', {
      method: 'POST',
      body: {},
    });
    expect(r.status).toBe(404);
  });
});
