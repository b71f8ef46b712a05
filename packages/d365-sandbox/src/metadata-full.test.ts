import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestSandbox, type TestSandbox } from './test-support.js';

let t: TestSandbox;
beforeAll(async () => {
  t = await startTestSandbox({ metadata: 'full' });
});
afterAll(() => t.sb.stop());

describe('--metadata full', () => {
  it('serves a document of at least 25 MB and 4,000 entity types, gzip too', async () => {
    const res = await t.call('/data/$metadata');
    const xml = await res.text();
    expect(Buffer.byteLength(xml)).toBeGreaterThanOrEqual(25 * 1024 * 1024);
    expect(xml.match(/<EntityType /g)!.length).toBeGreaterThanOrEqual(4000);
    expect(xml.endsWith('</EntityContainer></Schema></edmx:DataServices></edmx:Edmx>')).toBe(true);
    const gz = await fetch(`${t.sb.url}/data/$metadata`, {
      headers: { authorization: `Bearer ${t.token}`, 'accept-encoding': 'gzip' },
    });
    expect(gz.headers.get('content-encoding')).toBe('gzip');
    expect((await gz.text()).length).toBe(xml.length);
  }, 30000);

  it('answers the generated entity sets it declares', async () => {
    const r = await t.json<{ value: unknown[] }>('/data/CustomersV3Ext1?$top=1');
    expect(r.value).toEqual([]);
    const created = await t.call('/data/CustomerGroupsExt1', {
      method: 'POST',
      body: { CustomerGroupId: 'X', Ext1Field2: 'ext' },
    });
    expect(created.status).toBe(201);
  });
});
