import { describe, expect, it } from 'vitest';
import { buildModel } from '../catalogue/model.js';
import { fullJson } from '../odata/serialize.js';
import { startSandbox } from '../sandbox.js';
import { JsonCache } from './json-cache.js';
import { seedStore } from './seed.js';
import { Store } from './store.js';

const model = buildModel();
const customers = model.bySet.get('CustomersV3')!;

describe('sparse records', () => {
  it('read, spread and serialise like the full row they stand for', () => {
    const store = new Store(model);
    const full = { ...store.blank(customers), dataAreaId: 'usmf', CustomerAccount: 'X-1', CreditLimit: 5 };
    const rec = store.insert(customers, { ...full });
    expect(JSON.stringify(rec.values)).toBe(JSON.stringify(full));
    expect(Object.keys(rec.values)).toEqual(Object.keys(full));
    expect({ ...rec.values }).toEqual(full);
    expect(rec.values.CreditLimit).toBe(5);
    expect(rec.values.OrganizationName).toBe('');
    expect('OrganizationName' in rec.values).toBe(true);
    expect('NoSuchField' in rec.values).toBe(false);
    expect(Object.entries(rec.values)).toEqual(Object.entries(full));
  });

  it('keeps properties the blank row lacks after the others, like a plain object', () => {
    const store = new Store(model);
    const rec = store.insert(customers, { dataAreaId: 'usmf', CustomerAccount: 'X-2', Extra: 1 });
    expect(Object.keys(rec.values).at(-1)).toBe('Extra');
    expect(JSON.parse(JSON.stringify(rec.values)).Extra).toBe(1);
  });

  it('updates and rolls back a change set to the same values', () => {
    const store = new Store(model);
    const rec = store.insert(customers, { dataAreaId: 'usmf', CustomerAccount: 'X-3' });
    const before = JSON.stringify(rec.values);
    store.begin();
    store.update(rec, { ...rec.values, OrganizationName: 'Changed' });
    expect(rec.values.OrganizationName).toBe('Changed');
    store.rollback();
    expect(JSON.stringify(rec.values)).toBe(before);
    expect(store.find(customers, { dataAreaId: 'USMF', CustomerAccount: 'x-3' })).toBe(rec);
  });

  it('seeds the same values as full rows would hold', () => {
    const store = new Store(model);
    seedStore(store, 1, { CustomersV3: 3 });
    const rec = store.table(customers).rows[0]!;
    expect(rec.values).toMatchObject({ dataAreaId: 'usmf', CustomerAccount: 'USMF-000001' });
    expect(Object.keys(rec.values)).toEqual(Object.keys(store.blank(customers)));
  });
});

describe('seedCompanies', () => {
  it('gives the seed size to the chosen companies only; the others keep the defaults', async () => {
    const sb = await startSandbox({ seedSize: { CustomersV3: 1200, VendorsV2: 5 }, seedCompanies: ['usmf'] });
    try {
      expect(sb.admin.count('CustomersV3', 'usmf')).toBe(1200);
      expect(sb.admin.count('CustomersV3', 'usrt')).toBe(500);
      expect(sb.admin.count('VendorsV2', 'gbsi')).toBe(5);
    } finally {
      await sb.stop();
    }
  });

  it('continues number sequences after every seeded row', () => {
    const store = new Store(model);
    seedStore(store, 1, { CustomersV3: 1200 }, ['USMF']);
    expect(store.table(customers).seq).toBe(1200 + 3 * 500);
  });

  it('names an unknown company', () => {
    expect(() => seedStore(new Store(model), 1, {}, ['usmf', 'xxxx'])).toThrow(
      "Unknown company 'xxxx' in seedCompanies",
    );
  });
});

describe('cached record JSON', () => {
  it('stays within its byte budget, dropping the JSON cached longest ago', () => {
    const cache = new JsonCache(250);
    const holders = [0, 1, 2].map(() => {
      const h = { held: 0, dropJson: () => h.held };
      return h;
    });
    for (const h of holders) {
      h.held = 100;
      cache.remember(h, 100);
    }
    expect(cache.size).toBe(200);
    cache.forget(holders[1]!);
    expect(cache.size).toBe(100);
  });

  it('serialises every record of a store past the budget, keeping the latest cached', () => {
    const store = new Store(model, 30_000);
    seedStore(store, 1, { CustomersV3: 20 });
    const rows = store.table(customers).rows.slice(0, 20);
    const texts = rows.map((r) => fullJson(r));
    expect(texts.map((t) => JSON.parse(t).CustomerAccount)).toEqual(
      rows.map((r) => r.values.CustomerAccount),
    );
    expect(store.jsonCache.size).toBeLessThanOrEqual(30_000);
    expect(rows.at(-1)!.json).toBeDefined();
    expect(rows[0]!.json).toBeUndefined();
  });

  it("drops a record's cached JSON when it is written", () => {
    const store = new Store(model);
    const rec = store.insert(customers, { dataAreaId: 'usmf', CustomerAccount: 'X-4' });
    rec.json = Buffer.from('{}');
    expect(store.jsonCache.size).toBe(2);
    store.update(rec, { OrganizationName: 'New' });
    expect(rec.json).toBeUndefined();
    expect(store.jsonCache.size).toBe(0);
  });
});
