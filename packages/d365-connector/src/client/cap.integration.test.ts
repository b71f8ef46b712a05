import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ConcurrencyError, NotFoundError } from '../http/errors.js';
import { and, contains, eq, ge, isIn, lt } from '../query/filter-ast.js';
import { type CapServer, startCap } from '../test-support/cap-server.js';
import { TEST_RETRY } from '../test-support/sandbox-client.js';
import { createFnoClient, type FnoClient } from './fno-client.js';

describe('against SAP CAP (a third-party OData v4 server)', () => {
  let cap: CapServer;
  let client: FnoClient;
  beforeAll(async () => {
    cap = await startCap();
    client = createFnoClient({ url: cap.url, odataPath: cap.odataPath, dialect: 'odata', retry: TEST_RETRY });
  });
  afterAll(async () => {
    await client?.close();
    await cap?.stop();
  });

  it("parses CAP's $metadata and profiles its entities", async () => {
    const model = await client.metadata();
    expect(Object.keys(model.entitySets).sort()).toEqual(['Books', 'Chapters', 'Customers']);
    const books = await client.profile('Books');
    expect(books.key).toEqual(['ID']);
    const f = Object.fromEntries(books.fields.map((x) => [x.name, x]));
    expect(f.title).toMatchObject({ kind: 'string', maxLength: 111, nullable: false });
    expect(f.price).toMatchObject({ kind: 'decimal', precision: 9, scale: 2 });
    expect(f.chapters).toMatchObject({ kind: 'navigation', collection: true });
    expect((await client.profile('Customers')).key).toEqual(['dataAreaId', 'CustomerAccount']);
  });

  it('follows $skiptoken nextLinks (relative) through every page', async () => {
    const sizes: number[] = [];
    let count: number | undefined;
    for await (const page of client.queryPages('Books', { count: true, orderBy: ['ID'] })) {
      sizes.push(page.records.length);
      count ??= page.count;
      if (page.nextLink)
        expect(page.nextLink).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/odata\/v4\/catalog\/Books\?.*skiptoken/);
    }
    expect(sizes).toEqual([20, 20, 15]);
    expect(count).toBe(55);
  });

  it('filters with standard functions, in, and exact literals', async () => {
    const titles: string[] = [];
    for await (const r of client.query<{ title: string }>('Books', {
      filter: contains('title', "O'Brien & Sons #1"),
    }))
      titles.push(r.data.title);
    expect(titles).toEqual(["Book 007 O'Brien & Sons #1"]);
    let n = 0;
    for await (const _ of client.query('Books', {
      filter: and(isIn('ID', [1, 2, 3, 99]), ge('price', 0), lt('ID', 3)),
    }))
      n++;
    expect(n).toBe(2);
    const eqGenre: unknown[] = [];
    for await (const r of client.query('Books', { filter: eq('genre', 'Science'), select: ['genre'] }))
      eqGenre.push(r.data.genre);
    expect(eqGenre.length).toBeGreaterThan(0);
    expect(new Set(eqGenre)).toEqual(new Set(['Science']));
  });

  it('reads composite keys and expands with a nested $select', async () => {
    const c = await client.get('Customers', { dataAreaId: 'demf', CustomerAccount: 'DEMF-0003' });
    expect(c.data.Name).toBe('Customer 3 of demf');
    expect(c.key).toEqual({ dataAreaId: 'demf', CustomerAccount: 'DEMF-0003' });
    expect(c.etag).toMatch(/^W\//);
    const b = await client.get('Books', 1, { expand: [{ navigation: 'chapters', select: ['title'] }] });
    expect(Array.isArray(b.data.chapters)).toBe(true);
  });

  it('creates, updates with the tracked If-Match (CAP requires it), refuses stale ETags, deletes', async () => {
    const created = await client.create('Books', { ID: 500, title: 'Created', stock: 1, price: 10.5 });
    expect(created.key).toEqual({ ID: 500 });
    const read = await client.get('Books', 500);
    await new Promise((r) => setTimeout(r, 5)); // CAP's ETag is a timestamp
    const updated = await client.update('Books', read, { stock: 2 });
    expect(updated.key).toEqual({ ID: 500 });
    const stale = await client.update('Books', read, { stock: 3 }).catch((e: unknown) => e);
    expect(stale).toBeInstanceOf(ConcurrencyError);
    expect((stale as ConcurrencyError).sentEtag).toBe(read.etag);
    expect((stale as ConcurrencyError).currentEtag).toBeDefined();
    expect((stale as ConcurrencyError).currentEtag).not.toBe(read.etag);
    const missing = await client
      .update('Books', 500, { stock: 4 }, { ifMatch: 'none' })
      .catch((e: unknown) => e);
    expect(missing).toBeInstanceOf(ConcurrencyError);
    await client.delete('Books', 500, { ifMatch: '*' });
    await expect(client.get('Books', 500)).rejects.toBeInstanceOf(NotFoundError);
  });

  it('upserts and runs a bound action', async () => {
    const up = await client.upsert(
      'Customers',
      { dataAreaId: 'usmf', CustomerAccount: 'USMF-9999' },
      { Name: 'New' },
    );
    expect(up.created).toBe(true);
    const again = await client.upsert(
      'Customers',
      { dataAreaId: 'usmf', CustomerAccount: 'USMF-9999' },
      { Name: 'Renamed' },
    );
    expect(again.created).toBe(false);
    expect(
      (await client.get('Customers', { dataAreaId: 'usmf', CustomerAccount: 'USMF-9999' })).data.Name,
    ).toBe('Renamed');
    const before = Number((await client.get('Books', 2)).data.stock);
    const after = await client.executeAction<number>('CatalogService.addStock', {
      entitySet: 'Books',
      key: 2,
      parameters: { amount: 5 },
      ifMatch: '*',
    });
    expect(after).toBe(before + 5);
  });

  it('runs a multipart $batch with change sets, mapping results by Content-ID', async () => {
    const ops = Array.from({ length: 6 }, (_, i) => ({
      op: 'create' as const,
      entitySet: 'Books',
      data: { ID: 600 + (i === 4 ? 0 : i), title: `Batch ${i}` },
    }));
    const results = await client.batch(ops, { changesetSize: 3 });
    expect(results.slice(0, 3).every((r) => r.ok)).toBe(true);
    expect(results.slice(3).some((r) => !r.ok)).toBe(true);
    expect(results[1]!.record!.key).toEqual({ ID: 601 });
    const ids: number[] = [];
    for await (const r of client.query<{ ID: number }>('Books', { filter: ge('ID', 600) }))
      ids.push(r.data.ID);
    expect(ids.sort()).toEqual([600, 601, 602]);
    const independent = await client.batch(
      [
        { op: 'create', entitySet: 'Books', data: { ID: 700, title: 'x' } },
        { op: 'create', entitySet: 'Books', data: { ID: 700, title: 'dup' } },
        { op: 'get', entitySet: 'Books', key: 1 },
      ],
      { independent: true },
    );
    expect(independent.map((r) => r.ok)).toEqual([true, false, true]);
  });
});
