import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { innerMessage, startTestSandbox, type TestSandbox } from './test-support.js';

let t: TestSandbox;
beforeAll(async () => {
  t = await startTestSandbox();
});
afterAll(() => t.sb.stop());

describe('composite keys', () => {
  it('reads an entity by its full key', async () => {
    const r = await t.call("/data/CustomersV3(dataAreaId='usmf',CustomerAccount='USMF-000001')");
    expect(r.status).toBe(200);
    const body = (await r.json()) as Record<string, unknown>;
    expect(body['@odata.context']).toBe(`${t.sb.url}/data/$metadata#CustomersV3/$entity`);
    expect(body.CustomerAccount).toBe('USMF-000001');
    expect(r.headers.get('etag')).toBe(body['@odata.etag']);
  });

  it('requires every key part', async () => {
    const r = await t.call("/data/CustomersV3(CustomerAccount='USMF-000001')");
    expect(r.status).toBe(400);
    expect(await innerMessage(r)).toContain('Missing: dataAreaId');
  });

  it('takes numeric key parts unquoted and refuses them quoted', async () => {
    expect((await t.call("/data/AdvLines(dataAreaId='usmf',AdvanceId='A1',LineNum=1)")).status).toBe(404);
    const quoted = await t.call("/data/AdvLines(dataAreaId='usmf',AdvanceId='A1',LineNum='1')");
    expect(quoted.status).toBe(400);
    expect(await innerMessage(quoted)).toContain("'LineNum' must be an unquoted number");
  });

  it("unescapes '' inside string literals", async () => {
    const created = await t.call('/data/CustomerGroups', {
      method: 'POST',
      body: { CustomerGroupId: "O'NEIL", Description: "O'Neil's" },
    });
    expect(created.status).toBe(201);
    expect(created.headers.get('location')).toBe(
      `${t.sb.url}/data/CustomerGroups(dataAreaId='usmf',CustomerGroupId='O''NEIL')`,
    );
    const r = await t.call("/data/CustomerGroups(dataAreaId='usmf',CustomerGroupId='O''NEIL')");
    expect(r.status).toBe(200);
    expect(((await r.json()) as { Description: string }).Description).toBe("O'Neil's");
    const f = await t.json<{ value: unknown[] }>("/data/CustomerGroups?$filter=CustomerGroupId eq 'O''NEIL'");
    expect(f.value).toHaveLength(1);
  });

  it('hides other companies from key lookups unless cross-company=true', async () => {
    const key = "/data/CustomersV3(dataAreaId='usrt',CustomerAccount='USRT-000001')";
    expect((await t.call(key)).status).toBe(404);
    expect((await t.call(`${key}?cross-company=true`)).status).toBe(200);
  });

  it('reads a single property of an entity', async () => {
    const r = await t.json<{ value: string; '@odata.context': string }>(
      "/data/CustomersV3(dataAreaId='usmf',CustomerAccount='USMF-000001')/CustomerGroupId",
    );
    expect(r['@odata.context']).toMatch(
      /#CustomersV3\(dataAreaId='usmf',CustomerAccount='USMF-000001'\)\/CustomerGroupId$/,
    );
    expect(typeof r.value).toBe('string');
  });

  it('answers 404 for a key that does not exist', async () => {
    const r = await t.call("/data/CustomersV3(dataAreaId='usmf',CustomerAccount='NOPE')");
    expect(r.status).toBe(404);
    expect((await r.json()) as object).toHaveProperty('error.innererror.message');
  });
});
