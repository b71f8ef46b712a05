import { randomUUID } from 'node:crypto';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Client, testApp } from '../test/test-app.js';
import { bodyMigrations } from './bodies.js';
import { SecretBox } from './secrets.js';

const SECRET = 'sup3r-s3cret-value-7d1f';
let t: Awaited<ReturnType<typeof testApp>>;
let designer: Client;
const logs: string[] = [];

beforeAll(async () => {
  t = await testApp({ logs });
  designer = await t.as('designer');
});
afterAll(() => t.close());

const connectionBody = (secret: unknown = SECRET) => ({
  schemaVersion: 1,
  serviceUrl: 'http://127.0.0.1:4010',
  auth: { kind: 'clientSecret', tenant: 'sandbox', clientId: 'flowline-demo', clientSecret: secret },
  defaultLegalEntity: 'usmf',
});

async function create(type: string, name: string, body?: unknown) {
  const res = await designer.post('/api/components', { type, name, ...(body ? { body } : {}) });
  expect(res.statusCode, res.body).toBe(201);
  return res.json() as { id: string; version: number; body: Record<string, unknown> };
}

/** Every text column of every table, as one string, to search for secrets in clear. */
async function everything(): Promise<string> {
  const client = new pg.Client({ connectionString: t.url });
  await client.connect();
  try {
    const tables = await client.query<{ table_name: string }>(
      "SELECT table_name FROM information_schema.tables WHERE table_schema = 'public'",
    );
    let all = '';
    for (const { table_name } of tables.rows) {
      const rows = await client.query(`SELECT * FROM "${table_name}"`);
      all += JSON.stringify(rows.rows, (_k, v) =>
        Buffer.isBuffer(v) ? v.toString('latin1') : typeof v === 'bigint' ? String(v) : v,
      );
    }
    return all;
  } finally {
    await client.end();
  }
}

describe('secrets', () => {
  it('are write-only, encrypted at rest, and never in answers, revisions, exports, logs or the audit log', async () => {
    const connection = await create('connection', 'Secret keeper', connectionBody());
    expect(connection.body.auth).toMatchObject({ clientSecret: { set: true } });

    const operation = await create('operation', 'Customers', {
      schemaVersion: 1,
      connectionId: connection.id,
      action: 'query',
      entitySet: 'CustomersV3',
    });
    const exported = await designer.get(`/api/components/${operation.id}/export`);
    expect(exported.statusCode).toBe(200);
    expect(
      exported
        .json()
        .components.map((c: { id: string }) => c.id)
        .sort(),
    ).toEqual([connection.id, operation.id].sort());

    const answers = [
      (await designer.get(`/api/components/${connection.id}`)).body,
      (await designer.get(`/api/components/${connection.id}/revisions/1`)).body,
      exported.body,
      (await (await t.as('admin')).get('/api/audit')).body,
    ];
    for (const answer of answers) expect(answer).not.toContain(SECRET);
    expect(logs.join('\n')).not.toContain(SECRET);
    expect(await everything()).not.toContain(SECRET);
    const stored = await t.db.secret.findMany({ where: { componentId: connection.id } });
    expect(stored.map((s) => s.field)).toEqual(['/auth/clientSecret']);
  });

  it('are kept by {set: true}, replaced by a string and cleared by null', async () => {
    const c = await create('connection', 'Rotating', connectionBody());
    let version = c.version;
    const save = async (secret: unknown) => {
      const res = await designer.put(
        `/api/components/${c.id}`,
        { body: connectionBody(secret) },
        { 'if-match': `"${c.id}.${version}"` },
      );
      expect(res.statusCode, res.body).toBe(200);
      version = res.json().version;
      return res.json().body.auth.clientSecret;
    };
    expect(await save({ set: true })).toEqual({ set: true });
    expect(await save('another-one')).toEqual({ set: true });
    expect(await save(null)).toEqual({ set: false });
    expect(await t.db.secret.count({ where: { componentId: c.id } })).toBe(0);
  });
});

describe('copies', () => {
  it('copy the current revision as a new component, its secrets sealed again for it and never answered', async () => {
    const source = await create('connection', 'Contoso prod', connectionBody());
    const first = await designer.post(`/api/components/${source.id}/copy`);
    expect(first.statusCode, first.body).toBe(201);
    const copy = first.json();
    expect(copy).toMatchObject({
      type: 'connection',
      name: 'Contoso prod (copy)',
      version: 1,
      body: { serviceUrl: 'http://127.0.0.1:4010', auth: { clientSecret: { set: true } } },
    });
    expect(copy.id).not.toBe(source.id);
    expect(first.headers.location).toBe(`/api/components/${copy.id}`);
    expect(first.body).not.toContain(SECRET);
    // Sealed for the copy (the original's row would not open under the copy's id).
    const [row] = await t.db.secret.findMany({ where: { componentId: copy.id } });
    expect(new SecretBox(t.secretKey).open(row!, `${copy.id}/auth/clientSecret`)).toBe(SECRET);

    expect((await designer.post(`/api/components/${source.id}/copy`, {})).json().name).toBe(
      'Contoso prod (copy 2)',
    );
    const named = await designer.post(`/api/components/${source.id}/copy`, { name: ' Contoso test ' });
    expect(named.json()).toMatchObject({ name: 'Contoso test', folderId: null });

    // The copy is a component of its own: changing it leaves the original as it was.
    const changed = await designer.put(
      `/api/components/${copy.id}`,
      { body: { ...connectionBody(null), defaultLegalEntity: 'usrt' } },
      { 'if-match': `"${copy.id}.1"` },
    );
    expect(changed.statusCode, changed.body).toBe(200);
    const original = (await designer.get(`/api/components/${source.id}`)).json();
    expect(original).toMatchObject({
      version: 1,
      body: { defaultLegalEntity: 'usmf', auth: { clientSecret: { set: true } } },
    });

    const audit = (await (await t.as('admin')).get(`/api/audit?componentId=${copy.id}`)).json();
    expect(audit.items.map((e: { action: string }) => e.action)).toContain('copied');
    expect(JSON.stringify(audit)).not.toContain(SECRET);
  });

  it('names what is wrong: an unknown component or folder, a bad name, a role that may not design', async () => {
    const source = await create('operation', 'Vendors');
    expect((await designer.post(`/api/components/${randomUUID()}/copy`)).statusCode).toBe(404);
    const noFolder = await designer.post(`/api/components/${source.id}/copy`, { folderId: randomUUID() });
    expect(noFolder.statusCode).toBe(404);
    expect(noFolder.json().detail).toMatch(/^Folder .* does not exist/);
    expect((await designer.post(`/api/components/${source.id}/copy`, { name: 7 })).statusCode).toBe(400);
    expect((await (await t.as('viewer')).post(`/api/components/${source.id}/copy`)).statusCode).toBe(403);
    expect(await t.db.component.count({ where: { name: { startsWith: 'Vendors (copy' } } })).toBe(0);
  });
});

describe('revisions and If-Match', () => {
  it('needs If-Match (428), refuses a stale one (412 with the current revision), and keeps history', async () => {
    const p = await create('process', 'Versioned');
    const url = `/api/components/${p.id}`;
    expect((await designer.put(url, { description: 'no if-match' })).statusCode).toBe(428);
    const saved = await designer.put(url, { description: 'second' }, { 'if-match': `"${p.id}.1"` });
    expect(saved.statusCode).toBe(200);
    expect(saved.headers.etag).toBe(`"${p.id}.2"`);
    const stale = await designer.put(url, { description: 'third' }, { 'if-match': `"${p.id}.1"` });
    expect(stale.statusCode).toBe(412);
    expect(stale.json().current).toMatchObject({ version: 2, description: 'second' });

    const history = await designer.get(`${url}/revisions`);
    expect(
      history.json().items.map((r: { version: number; reason: string }) => [r.version, r.reason]),
    ).toEqual([
      [2, 'update'],
      [1, 'create'],
    ]);
    const restored = await designer.post(`${url}/revisions/1/restore`, undefined, {
      'if-match': `"${p.id}.2"`,
    });
    expect(restored.statusCode, restored.body).toBe(200);
    expect(restored.json()).toMatchObject({ version: 3, description: '' });
  });

  it('lists by name, or last changed first', async () => {
    const tag = `Sorted ${Date.now()}`;
    const b = await create('process', `${tag} b`);
    await create('process', `${tag} a`);
    await create('process', `${tag} c`);
    const saved = await designer.put(
      `/api/components/${b.id}`,
      { description: 'changed last' },
      { 'if-match': `"${b.id}.1"` },
    );
    expect(saved.statusCode, saved.body).toBe(200);
    const names = async (sort?: string) => {
      const res = await designer.get(
        `/api/components?search=${encodeURIComponent(tag)}${sort ? `&sort=${sort}` : ''}`,
      );
      expect(res.statusCode, res.body).toBe(200);
      return res.json().items.map((c: { name: string }) => c.name.slice(tag.length + 1));
    };
    expect(await names()).toEqual(['a', 'b', 'c']);
    expect(await names('name')).toEqual(['a', 'b', 'c']);
    expect(await names('changed')).toEqual(['b', 'c', 'a']);
    expect((await designer.get('/api/components?sort=size')).statusCode).toBe(400);
  });

  it("lists each operation with its current revision's action (what pickers offer it for)", async () => {
    const name = `Action ${Date.now()}`;
    const draft = await create('operation', `${name} draft`);
    const op = await create('operation', name, {
      schemaVersion: 1,
      action: 'query',
      entitySet: 'CustomersV3',
    });
    const changed = await designer.put(
      `/api/components/${op.id}`,
      { body: { schemaVersion: 1, action: 'create', entitySet: 'CustomersV3' } },
      { 'if-match': `"${op.id}.1"` },
    );
    expect(changed.statusCode, changed.body).toBe(200);
    const listed = await designer.get(`/api/components?type=operation&search=${encodeURIComponent(name)}`);
    const byId = new Map(listed.json().items.map((c: { id: string; action?: string }) => [c.id, c.action]));
    expect([byId.get(op.id), byId.has(draft.id), byId.get(draft.id)]).toEqual(['create', true, undefined]);
  });

  it('lists each process whose current start takes documents from its caller (a run must send them)', async () => {
    const name = `Takes ${Date.now()}`;
    const processOf = (mode: 'documents' | 'none') => ({
      schemaVersion: 1,
      name,
      shapes: [
        { id: 'start', kind: 'start', position: { x: 0, y: 0 }, config: { mode } },
        { id: 'end', kind: 'stop', position: { x: 200, y: 0 }, config: { scope: 'path' } },
      ],
      edges: [{ id: 'e1', from: 'start', handle: 'out', to: 'end' }],
    });
    const given = await create('process', `${name} given`, processOf('documents'));
    const own = await create('process', `${name} own`, processOf('none'));
    const empty = await create('process', `${name} empty`);
    const listed = async () => {
      const res = await designer.get(`/api/components?type=process&search=${encodeURIComponent(name)}`);
      const items: { id: string; takesDocuments?: true }[] = res.json().items;
      return [given, own, empty].map((p) => items.find((i) => i.id === p.id)?.takesDocuments);
    };
    expect(await listed()).toEqual([true, undefined, undefined]);
    // The current revision decides: changed to read its own, it no longer takes any.
    const changed = await designer.put(
      `/api/components/${given.id}`,
      { body: processOf('none') },
      { 'if-match': `"${given.id}.1"` },
    );
    expect(changed.statusCode, changed.body).toBe(200);
    expect(await listed()).toEqual([undefined, undefined, undefined]);
  });

  it('gives exactly one winner to concurrent edits of one revision', async () => {
    const p = await create('process', 'Contested');
    const results = await Promise.all(
      Array.from({ length: 8 }, (_, i) =>
        designer.put(`/api/components/${p.id}`, { description: `edit ${i}` }, { 'if-match': `"${p.id}.1"` }),
      ),
    );
    const codes = results.map((r) => r.statusCode).sort();
    expect(codes).toEqual([200, 412, 412, 412, 412, 412, 412, 412]);
    expect((await designer.get(`/api/components/${p.id}/revisions`)).json().items).toHaveLength(2);
  });

  it('migrates an older body on read', async () => {
    const p = await create('process', 'Old body');
    await t.db.componentRevision.update({
      where: { componentId_version: { componentId: p.id, version: 1 } },
      data: { body: { schemaVersion: 0, name: 'Old body', nodes: [], links: [] }, schemaVersion: 0 },
    });
    bodyMigrations.process[0] = ({ nodes, links, ...rest }) => ({
      ...rest,
      schemaVersion: 1,
      shapes: nodes,
      edges: links,
    });
    try {
      const got = await designer.get(`/api/components/${p.id}`);
      expect(got.json().body).toEqual({ schemaVersion: 1, name: 'Old body', shapes: [], edges: [] });
    } finally {
      delete bodyMigrations.process[0];
    }
  });
});

describe('references', () => {
  it('refuses a missing or wrongly typed reference, naming the field', async () => {
    const mapComponent = await create('map', 'Not a connection');
    const wrong = await designer.post('/api/components', {
      type: 'operation',
      name: 'Bad ref',
      body: { schemaVersion: 1, connectionId: mapComponent.id },
    });
    expect(wrong.statusCode).toBe(400);
    expect(wrong.json().errors[0]).toMatchObject({
      path: '/body/body/connectionId',
      message: expect.stringContaining('must name a connection'),
    });
    const missing = await designer.post('/api/components', {
      type: 'operation',
      name: 'Missing ref',
      body: { schemaVersion: 1, connectionId: '00000000-0000-4000-8000-000000000001' },
    });
    expect(missing.statusCode).toBe(400);
    expect((await designer.get('/api/components?search=Missing ref')).json().total).toBe(0);
  });

  it('refuses to delete a component in use (409 with its users), survives renames, then deletes', async () => {
    const connection = await create('connection', 'Shared connection', connectionBody());
    const operation = await create('operation', 'User of it', {
      schemaVersion: 1,
      connectionId: connection.id,
    });
    const refused = await designer.del(`/api/components/${connection.id}`);
    expect(refused.statusCode).toBe(409);
    expect(refused.json().usedBy.map((u: { id: string }) => u.id)).toEqual([operation.id]);

    const renamed = await designer.put(
      `/api/components/${connection.id}`,
      { name: 'Renamed connection' },
      { 'if-match': `"${connection.id}.1"` },
    );
    expect(renamed.statusCode).toBe(200);
    expect((await designer.get(`/api/components/${operation.id}`)).json().body.connectionId).toBe(
      connection.id,
    );

    expect((await designer.del(`/api/components/${operation.id}`)).statusCode).toBe(204);
    expect((await designer.del(`/api/components/${connection.id}`)).statusCode).toBe(204);
    expect((await designer.get(`/api/components/${connection.id}`)).statusCode).toBe(404);
  });

  it('lists what uses a component, by name, as its users’ current revisions say', async () => {
    const connection = await create('connection', 'Used connection', connectionBody());
    const operation = (name: string) =>
      create('operation', name, { schemaVersion: 1, connectionId: connection.id, action: 'query' });
    const vendors = await operation('Vendors');
    await operation('Customers');
    const viewer = await t.as('viewer');
    const usedBy = async (id: string) => {
      const res = await viewer.get(`/api/components/${id}/used-by`);
      expect(res.statusCode, res.body).toBe(200);
      return res.json().items.map((c: { name: string }) => c.name);
    };
    expect(await usedBy(connection.id)).toEqual(['Customers', 'Vendors']);
    expect(await usedBy(vendors.id)).toEqual([]);

    // A user whose new revision no longer names it is no longer listed.
    const other = await create('connection', 'Other connection', connectionBody());
    const moved = await designer.put(
      `/api/components/${vendors.id}`,
      { body: { schemaVersion: 1, connectionId: other.id, action: 'query' } },
      { 'if-match': `"${vendors.id}.1"` },
    );
    expect(moved.statusCode, moved.body).toBe(200);
    expect(await usedBy(connection.id)).toEqual(['Customers']);
    expect(await usedBy(other.id)).toEqual(['Vendors']);

    // Nothing uses them through another component yet.
    expect((await viewer.get(`/api/components/${connection.id}/used-by`)).json().indirect).toEqual([]);
    const missing = await viewer.get(`/api/components/${randomUUID()}/used-by`);
    expect(missing.statusCode).toBe(404);
    expect((await viewer.get('/api/components/not-an-id/used-by')).statusCode).toBe(400);
  });

  it('lists those that use its users too, each once, with what they use it through', async () => {
    const connection = await create('connection', 'Deep connection', connectionBody());
    const op = (name: string, action: string) =>
      create('operation', name, { schemaVersion: 1, connectionId: connection.id, action });
    const read = await op('Deep read', 'query');
    const write = await op('Deep write', 'create');
    const map = await create('map', 'Deep map', {
      schemaVersion: 1,
      name: 'Deep map',
      source: { ref: { componentId: read.id } },
      target: { ref: { componentId: write.id } },
      rules: [],
    });
    const shape = (id: string, kind: string, config: Record<string, unknown>) => ({
      id,
      kind,
      position: { x: 0, y: 0 },
      onError: 'failRun',
      config,
    });
    // It names the map and the write; it reaches the read only through the map.
    await create('process', 'Deep process', {
      schemaVersion: 1,
      name: 'Deep process',
      shapes: [
        shape('m', 'map', { mapId: map.id }),
        shape('w', 'connector', { operationId: write.id, connectionId: connection.id }),
      ],
      edges: [],
    });
    const viewer = await t.as('viewer');
    const usedBy = async (id: string) => {
      const res = await viewer.get(`/api/components/${id}/used-by`);
      expect(res.statusCode, res.body).toBe(200);
      const json = res.json();
      return {
        direct: json.items.map((c: { name: string }) => c.name),
        indirect: json.indirect.map((c: { name: string; through: string[] }) => `${c.name} ← ${c.through}`),
      };
    };
    // The process names the connection itself: listed there, not again as reaching it indirectly.
    expect(await usedBy(connection.id)).toEqual({
      direct: ['Deep process', 'Deep read', 'Deep write'],
      indirect: ['Deep map ← Deep read,Deep write'],
    });
    expect(await usedBy(read.id)).toEqual({ direct: ['Deep map'], indirect: ['Deep process ← Deep map'] });
    expect(await usedBy(write.id)).toEqual({ direct: ['Deep map', 'Deep process'], indirect: [] });
  });
});

describe('export and import', () => {
  it('round-trips a bundle, keeping or replacing what exists, and refuses a broken one whole', async () => {
    const connection = await create('connection', 'Bundle connection', connectionBody());
    const operation = await create('operation', 'Bundle operation', {
      schemaVersion: 1,
      connectionId: connection.id,
      entitySet: 'CustomersV3',
    });
    const bundle = (await designer.get(`/api/components/${operation.id}/export`)).json();

    const kept = await designer.post('/api/components/import', { bundle, existing: 'keep' });
    expect(kept.json()).toEqual({ created: [], replaced: [], kept: [connection.id, operation.id] });

    const renamed = structuredClone(bundle);
    renamed.components[1].name = 'Bundle operation (imported)';
    const replaced = await designer.post('/api/components/import', { bundle: renamed, existing: 'replace' });
    expect(replaced.json().replaced).toEqual([connection.id, operation.id]);
    expect((await designer.get(`/api/components/${operation.id}`)).json()).toMatchObject({
      name: 'Bundle operation (imported)',
      version: 2,
    });
    // The secret stayed where it was: imports carry no secrets and replace none.
    expect((await designer.get(`/api/components/${connection.id}`)).json().body.auth.clientSecret).toEqual({
      set: true,
    });

    const fresh = structuredClone(bundle);
    fresh.components[0].id = '11111111-1111-4111-8111-111111111111';
    fresh.components[1].id = '22222222-2222-4222-8222-222222222222';
    fresh.components[1].body.connectionId = fresh.components[0].id;
    fresh.components[1].body.action = 'fly';
    const broken = await designer.post('/api/components/import', { bundle: fresh, existing: 'keep' });
    expect(broken.statusCode).toBe(400);
    expect(broken.json().errors[0].path).toBe('/body/bundle/components/1/body/action');
    expect((await designer.get(`/api/components/${fresh.components[0].id}`)).statusCode).toBe(404);

    fresh.components[1].body.action = 'query';
    fresh.components[1].body.connectionId = '33333333-3333-4333-8333-333333333333';
    const dangling = await designer.post('/api/components/import', { bundle: fresh, existing: 'keep' });
    expect(dangling.statusCode).toBe(400);
    expect((await designer.get(`/api/components/${fresh.components[0].id}`)).statusCode).toBe(404);
  });
});
