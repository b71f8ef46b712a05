import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Client, testApp } from './test/test-app.js';

let app: FastifyInstance;
let designer: Client;
let close: () => Promise<void>;

beforeAll(async () => {
  const t = await testApp();
  app = t.app;
  close = t.close;
  designer = await t.as('designer');
});
afterAll(() => close());

const post = (url: string, payload: unknown) => designer.post(url, payload);

describe('GET /api/health', () => {
  it('reports the database reachable and every migration applied', async () => {
    const res = await app.inject('/api/health');
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({
      status: 'ok',
      version: '0.0.0-test',
      database: { reachable: true, migrationsApplied: true, pendingMigrations: [] },
    });
  });
});

describe('folders and components', () => {
  it('creates a folder and a component in it, and lists and reads them back', async () => {
    const folder = await post('/api/folders', { name: 'Customers' });
    expect(folder.statusCode).toBe(201);
    const folderId = folder.json().id;

    const created = await post('/api/components', { type: 'process', name: 'Sandbox USMF', folderId });
    expect(created.statusCode).toBe(201);
    const component = created.json();
    expect(component).toMatchObject({ type: 'process', name: 'Sandbox USMF', folderId, version: 1 });
    expect(created.headers.etag).toBe(`"${component.id}.1"`);

    const folders = await designer.get('/api/folders');
    expect(folders.json().items.map((f: { name: string }) => f.name)).toContain('Customers');

    const list = await designer.get(`/api/components?folderId=${folderId}&type=process&search=usmf`);
    expect(list.json()).toMatchObject({ total: 1, items: [{ id: component.id, name: 'Sandbox USMF' }] });

    const got = await designer.get(`/api/components/${component.id}`);
    expect(got.statusCode).toBe(200);
    expect(got.json().body).toEqual({ schemaVersion: 1, name: 'Sandbox USMF', shapes: [], edges: [] });
    expect(got.headers.etag).toBe(`"${component.id}.1"`);
  });

  it('pages through components in name order', async () => {
    for (const name of ['Page C', 'Page A', 'Page B'])
      await post('/api/components', { type: 'process', name });
    const first = await designer.get('/api/components?type=process&search=Page&limit=2');
    const second = await designer.get('/api/components?type=process&search=Page&limit=2&offset=2');
    expect(first.json().items.map((c: { name: string }) => c.name)).toEqual(['Page A', 'Page B']);
    expect(second.json()).toMatchObject({ total: 3, items: [{ name: 'Page C' }] });
  });

  it('refuses a second folder of the same name under the same parent', async () => {
    expect((await post('/api/folders', { name: 'Vendors' })).statusCode).toBe(201);
    const twin = await post('/api/folders', { name: 'vendors' });
    expect(twin.statusCode).toBe(409);
    expect(twin.json().detail).toContain('already exists');
  });
});

describe('bad input gets a problem document naming the field at fault', () => {
  it.each([
    ['an unknown field', '/api/folders', { name: 'X', colour: 'red' }, '/body/colour'],
    ['a missing field', '/api/folders', {}, '/body/name'],
    ['a wrong type', '/api/folders', { name: 42 }, '/body/name'],
    ['a blank name', '/api/folders', { name: '   ' }, '/body/name'],
    ['an unknown component type', '/api/components', { type: 'robot', name: 'X' }, '/body/type'],
    [
      'a body of the wrong shape',
      '/api/components',
      {
        type: 'connection',
        name: 'X',
        body: { schemaVersion: 1, serviceUrl: 'ftp://x', auth: { kind: 'none' } },
      },
      '/body/body/serviceUrl',
    ],
    [
      'a malformed folder id',
      '/api/components',
      { type: 'map', name: 'X', folderId: 'nope' },
      '/body/folderId',
    ],
  ])('%s', async (_what, url, payload, path) => {
    const res = await post(url, payload);
    expect(res.statusCode, res.body).toBe(400);
    expect(res.headers['content-type']).toContain('application/problem+json');
    expect(res.json().errors.map((e: { path: string }) => e.path)).toContain(path);
  });

  it('malformed JSON', async () => {
    const res = await designer.inject({
      method: 'POST',
      url: '/api/folders',
      headers: { 'content-type': 'application/json' },
      payload: '{"name": ',
    });
    expect(res.statusCode).toBe(400);
    expect(res.json().detail).toMatch(/not valid JSON/);
  });

  it('an oversized body is 413', async () => {
    const res = await post('/api/folders', { name: 'x'.repeat(2 * 1024 * 1024) });
    expect(res.statusCode).toBe(413);
    expect(res.json().status).toBe(413);
  });

  it('an unknown folder is 404 and nothing is stored', async () => {
    const folderId = '00000000-0000-4000-8000-000000000000';
    const res = await post('/api/components', { type: 'map', name: 'Orphan', folderId });
    expect(res.statusCode).toBe(404);
    expect(res.json().detail).toContain(folderId);
    const list = await designer.get('/api/components?search=Orphan');
    expect(list.json().total).toBe(0);
  });

  it('an unknown component is 404, an unknown route is 404, neither with a stack trace', async () => {
    const missing = await designer.get('/api/components/00000000-0000-4000-8000-000000000000');
    expect(missing.statusCode).toBe(404);
    const route = await designer.get('/api/nothing-here');
    expect(route.statusCode).toBe(404);
    expect(route.body).not.toMatch(/at .*\.ts:\d+/);
  });
});

describe('GET /api/docs', () => {
  it('serves the OpenAPI document with the stable routes', async () => {
    const res = await designer.get('/api/docs/json');
    expect(res.statusCode).toBe(200);
    const paths = Object.keys(res.json().paths);
    expect(paths).toEqual(
      expect.arrayContaining(['/api/health', '/api/folders', '/api/components', '/api/components/{id}']),
    );
  });
});
