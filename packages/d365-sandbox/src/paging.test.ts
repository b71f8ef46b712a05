import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestSandbox, type TestSandbox } from './test-support.js';

type Page = { value: { ProspectId: string }[]; '@odata.nextLink'?: string; '@odata.count'?: number };
let t: TestSandbox;
beforeAll(async () => {
  t = await startTestSandbox({ seedSize: { Prospects: 12345 } });
});
afterAll(() => t.sb.stop());

describe('server-driven paging', () => {
  it('caps a page at 10,000 records with a $skip-based absolute nextLink', async () => {
    const first = await t.json<Page>('/data/Prospects?$select=ProspectId');
    expect(first.value).toHaveLength(10000);
    expect(first['@odata.nextLink']).toBe(`${t.sb.url}/data/Prospects?$select=ProspectId&$skip=10000`);
    const second = await t.json<Page>(first['@odata.nextLink']!.slice(t.sb.url.length));
    expect(second.value).toHaveLength(2345);
    expect(second['@odata.nextLink']).toBeUndefined();
    const ids = new Set([...first.value, ...second.value].map((v) => v.ProspectId));
    expect(ids.size).toBe(12345);
  });

  it('keeps $top in the nextLink, reduced by what was served', async () => {
    const first = await t.json<Page>('/data/Prospects?$select=ProspectId&$top=11000&$skip=100');
    expect(first.value).toHaveLength(10000);
    expect(first['@odata.nextLink']).toBe(
      `${t.sb.url}/data/Prospects?$select=ProspectId&$top=1000&$skip=10100`,
    );
  });

  it('counts ignoring $top and $skip; /$count returns a bare number', async () => {
    const r = await t.json<Page>('/data/Prospects?$select=ProspectId&$top=3&$skip=5&$count=true');
    expect(r['@odata.count']).toBe(12345);
    expect(r.value).toHaveLength(3);
    const bare = await t.call('/data/Prospects/$count');
    expect(await bare.text()).toBe('12345');
  });

  it('ignores Prefer: odata.maxpagesize by default', async () => {
    const r = await t.call('/data/Prospects?$select=ProspectId', {
      headers: { prefer: 'odata.maxpagesize=100' },
    });
    expect(((await r.json()) as Page).value).toHaveLength(10000);
    expect(r.headers.get('preference-applied')).toBeNull();
  });
});

describe('compat switches', () => {
  it('honours Prefer: odata.maxpagesize and accepts string functions when asked to', async () => {
    const lax = await startTestSandbox({ compat: { honourMaxPageSize: true, allowStringFunctions: true } });
    try {
      const r = await lax.call('/data/CustomerGroups?$select=CustomerGroupId', {
        headers: { prefer: 'odata.maxpagesize=2' },
      });
      expect(r.headers.get('preference-applied')).toBe('odata.maxpagesize=2');
      const page = (await r.json()) as Page;
      expect(page.value).toHaveLength(2);
      expect(page['@odata.nextLink']).toContain('$skip=2');
      const f = await lax.json<{ value: { OrganizationName: string }[] }>(
        "/data/CustomersV3?$filter=startswith(OrganizationName,'north')&$select=OrganizationName",
      );
      expect(f.value.every((v) => v.OrganizationName.toLowerCase().startsWith('north'))).toBe(true);
    } finally {
      await lax.sb.stop();
    }
  });
});

describe('nextLink host', () => {
  it('can point at another host, as real nextLinks sometimes do', async () => {
    const other = await startTestSandbox({
      pageSize: 5,
      compat: { nextLinkBase: 'https://other.example.com/' },
    });
    try {
      const r = await other.json<Page>('/data/CustomerGroups?$select=CustomerGroupId&cross-company=true');
      expect(r.value).toHaveLength(5);
      expect(r['@odata.nextLink']).toBe(
        'https://other.example.com/data/CustomerGroups?$select=CustomerGroupId&cross-company=true&$skip=5',
      );
    } finally {
      await other.sb.stop();
    }
  });
});
