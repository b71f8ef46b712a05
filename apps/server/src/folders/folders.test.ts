import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Client, testApp } from '../test/test-app.js';

let designer: Client;
let viewer: Client;
let admin: Client;
let close: () => Promise<void>;

beforeAll(async () => {
  const t = await testApp();
  close = t.close;
  designer = await t.as('designer');
  viewer = await t.as('viewer');
  admin = await t.as('admin');
});
afterAll(() => close());

const unique = (name: string) => `${name} ${randomUUID().slice(0, 8)}`;
const folder = async (name: string, parentId?: string): Promise<{ id: string; name: string }> => {
  const res = await designer.post('/api/folders', { name, parentId });
  expect(res.statusCode, res.body).toBe(201);
  return res.json();
};
const rename = (who: Client, id: string, name: unknown) =>
  who.inject({ method: 'PATCH', url: `/api/folders/${id}`, payload: { name } });
const names = async () =>
  ((await designer.get('/api/folders')).json().items as { name: string }[]).map((f) => f.name);
const lastAudit = async (action: string) =>
  (await admin.get(`/api/audit?action=${encodeURIComponent(action)}&limit=1`)).json().items[0];

describe('PATCH /api/folders/:id', () => {
  it('renames a folder and audits the old and new names', async () => {
    const f = await folder(unique('Customers'));
    const to = unique('Clients');
    const res = await rename(designer, f.id, `  ${to} `);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ id: f.id, name: to });
    expect(await names()).toContain(to);
    expect(await names()).not.toContain(f.name);
    expect(await lastAudit('folder renamed')).toMatchObject({
      userEmail: designer.email,
      detail: { folderId: f.id, from: f.name, to },
    });
  });

  it('refuses the name of a folder beside it, in any case, and keeps its own', async () => {
    const taken = await folder(unique('Vendors'));
    const f = await folder(unique('Products'));
    const res = await rename(designer, f.id, taken.name.toUpperCase());
    expect(res.statusCode).toBe(409);
    expect(res.json().detail).toBe(`A folder named "${taken.name}" already exists here.`);
    expect(await names()).toContain(f.name);
    // Its own name in another case is no twin.
    expect((await rename(designer, f.id, f.name.toLowerCase())).statusCode).toBe(200);
  });

  it('allows a name that is taken only under another parent', async () => {
    const parent = await folder(unique('Parent'));
    const child = await folder(unique('Orders'), parent.id);
    const top = await folder(unique('Top'));
    expect((await rename(designer, top.id, child.name)).statusCode).toBe(200);
  });

  it('answers 404 for an unknown folder, 400 for a blank name or a malformed id, 403 to a viewer', async () => {
    const f = await folder(unique('Kept'));
    expect((await rename(designer, randomUUID(), 'X')).statusCode).toBe(404);
    const blank = await rename(designer, f.id, '   ');
    expect(blank.statusCode).toBe(400);
    expect(blank.json().errors[0].path).toBe('/body/name');
    expect((await rename(designer, 'nope', 'X')).statusCode).toBe(400);
    expect((await rename(viewer, f.id, 'X')).statusCode).toBe(403);
    expect(await names()).toContain(f.name);
  });
});

describe('DELETE /api/folders/:id', () => {
  it('deletes an empty folder and audits it', async () => {
    const f = await folder(unique('Empty'));
    expect((await viewer.del(`/api/folders/${f.id}`)).statusCode).toBe(403);
    const res = await designer.del(`/api/folders/${f.id}`);
    expect(res.statusCode, res.body).toBe(204);
    expect(await names()).not.toContain(f.name);
    expect(await lastAudit('folder deleted')).toMatchObject({ detail: { folderId: f.id, name: f.name } });
    expect((await designer.del(`/api/folders/${f.id}`)).statusCode).toBe(404);
  });

  it('refuses a folder that holds components or folders, saying what, and loses nothing', async () => {
    const f = await folder(unique('Full'));
    const inside = await folder(unique('Inside'), f.id);
    for (const name of ['One', 'Two']) {
      const c = await designer.post('/api/components', { type: 'map', name, folderId: f.id });
      expect(c.statusCode).toBe(201);
    }
    const res = await designer.del(`/api/folders/${f.id}`);
    expect(res.statusCode).toBe(409);
    expect(res.json()).toMatchObject({
      detail: `Folder "${f.name}" holds 2 components and 1 folder: move or delete them first.`,
      components: 2,
      folders: 1,
    });
    expect(await names()).toEqual(expect.arrayContaining([f.name, inside.name]));
    expect((await designer.get(`/api/components?folderId=${f.id}`)).json().total).toBe(2);
  });
});
