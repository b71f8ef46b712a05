import { readFileSync } from 'node:fs';
import { type Sandbox, startSandbox } from '@flowline/d365-sandbox';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../app.js';
import { type Client, signIn } from '../test/test-app.js';
import { testDb } from '../test/test-db.js';

// A real sandbox over HTTPS (MSAL insists on an https authority), trusted through its CA.
let sandbox: Sandbox;
let designer: Client;
let viewer: Client;
let connectionId: string;
let close: () => Promise<void>;

beforeAll(async () => {
  sandbox = await startSandbox({ port: 0, https: true });
  const { db, drop } = await testDb();
  const app = await buildApp({
    db,
    version: 'test',
    secretKey: Buffer.alloc(32, 9),
    connectionDefaults: { ca: [readFileSync(sandbox.caCertPath!, 'utf8')] },
  });
  designer = await signIn(app, db, 'designer');
  viewer = await signIn(app, db, 'viewer');
  close = async () => {
    await app.close();
    await drop();
    await sandbox.stop();
  };
  const res = await designer.post('/api/components', {
    type: 'connection',
    name: 'Sandbox',
    body: {
      schemaVersion: 1,
      serviceUrl: sandbox.url,
      auth: {
        kind: 'clientSecret',
        tenant: 'sandbox',
        clientId: sandbox.clients.registered.clientId,
        clientSecret: sandbox.clients.registered.secret,
        authorityHost: new URL(sandbox.authority).host,
      },
    },
  });
  expect(res.statusCode, res.body).toBe(201);
  connectionId = res.json().id;
});
afterAll(() => close());

async function operation(name: string, body: Record<string, unknown>): Promise<string> {
  const res = await designer.post('/api/components', {
    type: 'operation',
    name,
    body: { schemaVersion: 1, connectionId, action: 'query', ...body },
  });
  expect(res.statusCode, res.body).toBe(201);
  return res.json().id;
}

describe('POST /api/operations/:id/sample', () => {
  it('reads a few records through the operation: its legal entity, fields and sort', async () => {
    const id = await operation('USRT customers', {
      entitySet: 'CustomersV3',
      legalEntity: 'usrt',
      select: ['dataAreaId', 'CustomerAccount', 'OrganizationName'],
      orderBy: [{ path: 'CustomerAccount', desc: true }],
    });
    const res = await designer.post(`/api/operations/${id}/sample`, { top: 3 });
    expect(res.statusCode, res.body).toBe(200);
    const { entitySet, records } = res.json() as { entitySet: string; records: Record<string, unknown>[] };
    expect(entitySet).toBe('CustomersV3');
    expect(records).toHaveLength(3);
    for (const r of records) {
      expect(r.dataAreaId).toBe('usrt');
      expect(Object.keys(r).filter((k) => !k.startsWith('@'))).toEqual([
        'dataAreaId',
        'CustomerAccount',
        'OrganizationName',
      ]);
    }
    const accounts = records.map((r) => String(r.CustomerAccount));
    expect(accounts).toEqual([...accounts].sort().reverse());
  });

  it('reads five records when no count is given, and refuses more than fifty', async () => {
    const id = await operation('Groups', { entitySet: 'CustomerGroups' });
    const res = await designer.post(`/api/operations/${id}/sample`, {});
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().records).toHaveLength(5);
    const tooMany = await designer.post(`/api/operations/${id}/sample`, { top: 500 });
    expect(tooMany.statusCode).toBe(400);
    expect(tooMany.body).toContain('top');
  });

  it('shows what F&O answered when it refuses the request', async () => {
    const id = await operation('Unknown field', { entitySet: 'CustomersV3', select: ['NoSuchField'] });
    const res = await designer.post(`/api/operations/${id}/sample`, { top: 1 });
    expect(res.statusCode, res.body).toBe(502);
    expect(res.json().detail).toMatch(/^F&O answered: .*NoSuchField/);
  });

  it('names what an unfinished operation lacks, and what is not an operation', async () => {
    const unfinished = await designer.post('/api/components', {
      type: 'operation',
      name: 'Unfinished',
      body: { schemaVersion: 1, connectionId, action: 'query' },
    });
    const res = await designer.post(`/api/operations/${unfinished.json().id}/sample`, {});
    expect(res.statusCode).toBe(422);
    expect(res.json().errors[0]).toMatchObject({ path: '/body/entitySet' });
    const notOp = await designer.post(`/api/operations/${connectionId}/sample`, {});
    expect(notOp.statusCode).toBe(400);
    expect(notOp.json().detail).toContain('not an operation');
  });

  it('reads through the operation as being edited, before it is saved (which it then is not)', async () => {
    const saved = {
      entitySet: 'CustomersV3',
      legalEntity: 'usmf',
      select: ['dataAreaId', 'CustomerAccount'],
    };
    const id = await operation('Draft customers', saved);
    const draft = { schemaVersion: 1, connectionId, action: 'query', ...saved, legalEntity: 'usrt' };
    const res = await designer.post(`/api/operations/${id}/sample`, { top: 2, body: draft });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().records.map((r: { dataAreaId: string }) => r.dataAreaId)).toEqual(['usrt', 'usrt']);
    const after = (await designer.get(`/api/components/${id}`)).json();
    expect(after).toMatchObject({ version: 1, body: { legalEntity: 'usmf' } });

    // A draft is checked like a save: its connection must be one, its body the operation schema.
    const notConnection = await designer.post(`/api/operations/${id}/sample`, {
      body: { ...draft, connectionId: id },
    });
    expect(notConnection.statusCode).toBe(400);
    expect(notConnection.json().detail).toContain('not a connection');
    const bad = await designer.post(`/api/operations/${id}/sample`, { body: { ...draft, top: 'many' } });
    expect(bad.statusCode).toBe(400);
    expect(bad.body).toContain('/body/body/top');
  });

  it('is for designers: a viewer is refused', async () => {
    const id = await operation('Viewer', { entitySet: 'CustomerGroups' });
    const res = await viewer.post(`/api/operations/${id}/sample`, {});
    expect(res.statusCode).toBe(403);
  });
});
