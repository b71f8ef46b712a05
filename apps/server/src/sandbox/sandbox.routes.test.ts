import { readFileSync } from 'node:fs';
import { type Sandbox, startSandbox } from '@flowline/d365-sandbox';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../app.js';
import type { Db } from '../db/prisma.js';
import { localSandboxAccess } from '../executions/test-fixtures.js';
import { type Client, signIn } from '../test/test-app.js';
import { testDb } from '../test/test-db.js';

// A real sandbox over HTTPS, as `npm start` runs it, and two servers on one database: one started
// with it, one without (--no-sandbox).
let sandbox: Sandbox;
let db: Db;
let withSandbox: FastifyInstance;
let without: FastifyInstance;
let designer: Client;
let close: () => Promise<void>;

beforeAll(async () => {
  sandbox = await startSandbox({ port: 0, https: true });
  const test = await testDb();
  db = test.db;
  const common = { db, version: 'test', secretKey: Buffer.alloc(32, 3) };
  withSandbox = await buildApp({
    ...common,
    connectionDefaults: { ca: [readFileSync(sandbox.caCertPath!, 'utf8')] },
    sandbox: localSandboxAccess(sandbox),
  });
  without = await buildApp(common);
  designer = await signIn(withSandbox, db, 'designer');
  close = async () => {
    await withSandbox.close();
    await without.close();
    await test.drop();
    await sandbox.stop();
  };
});
afterAll(() => close());

describe('GET /api/sandbox', () => {
  it('says how a connection reaches the running sandbox, without its secret', async () => {
    const res = await designer.get('/api/sandbox');
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toEqual({
      running: true,
      serviceUrl: sandbox.url,
      tenant: 'sandbox',
      clientId: sandbox.clients.registered.clientId,
      authorityHost: new URL(sandbox.authority).host,
      connections: [],
    });
    expect(res.body).not.toContain(sandbox.clients.registered.secret);
  });

  it('says when it does not run', async () => {
    const viewer = await signIn(without, db, 'viewer');
    expect((await viewer.get('/api/sandbox')).json()).toEqual({ running: false });
  });
});

describe('POST /api/sandbox/connection', () => {
  it('creates a connection that works, its secret sealed and never answered', async () => {
    const res = await designer.post('/api/sandbox/connection', {});
    expect(res.statusCode, res.body).toBe(201);
    const created = res.json();
    expect(res.headers.location).toBe(`/api/components/${created.id}`);
    expect(res.headers.etag).toBe(`"${created.id}.1"`);
    expect(created).toMatchObject({
      type: 'connection',
      name: 'Local D365 sandbox',
      folderId: null,
      body: {
        serviceUrl: sandbox.url,
        defaultLegalEntity: 'usmf',
        auth: { kind: 'clientSecret', tenant: 'sandbox', clientSecret: { set: true } },
      },
    });
    const secret = sandbox.clients.registered.secret;
    expect(res.body).not.toContain(secret);
    const stored = await db.secret.findMany({ where: { componentId: created.id } });
    expect(stored.map((s) => s.field)).toEqual(['/auth/clientSecret']);
    expect(JSON.stringify(stored)).not.toContain(secret);

    const test = await designer.post(`/api/connections/${created.id}/test`);
    expect(test.statusCode, test.body).toBe(200);
    expect(test.json().ok, test.body).toBe(true);
  });

  it('lists the connections that reach the sandbox now, not those that no longer do', async () => {
    const listed = async () => (await designer.get('/api/sandbox')).json().connections as unknown[];
    const made = (await designer.post('/api/sandbox/connection', {})).json();
    expect(await listed()).toContainEqual({ id: made.id, name: made.name });
    // Pointed elsewhere in a new revision: its first revision still names the sandbox, but it is
    // the current one that counts.
    const moved = await designer.put(
      `/api/components/${made.id}`,
      { name: made.name, body: { ...made.body, serviceUrl: 'https://contoso.operations.dynamics.com' } },
      { 'if-match': `"${made.id}.1"` },
    );
    expect(moved.statusCode, moved.body).toBe(200);
    expect(await listed()).not.toContainEqual(expect.objectContaining({ id: made.id }));
    // Gone again, so that the next test names its own from "2".
    expect((await designer.inject({ method: 'DELETE', url: `/api/components/${made.id}` })).statusCode).toBe(
      204,
    );
  });

  it('names the next ones apart, and puts them in the folder asked for, or at the top level', async () => {
    const folder = (await designer.post('/api/folders', { name: 'Sandbox things' })).json();
    const res = await designer.post('/api/sandbox/connection', { folderId: folder.id });
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json()).toMatchObject({ name: 'Local D365 sandbox 2', folderId: folder.id });
    // A script's POST without a body.
    const bare = await designer.inject({ method: 'POST', url: '/api/sandbox/connection' });
    expect(bare.statusCode, bare.body).toBe(201);
    expect(bare.json()).toMatchObject({ name: 'Local D365 sandbox 3', folderId: null });
  });

  it('is for designers, and refuses what it does not know', async () => {
    const viewer = await signIn(withSandbox, db, 'viewer');
    expect((await viewer.post('/api/sandbox/connection', {})).statusCode).toBe(403);
    const odd = await designer.post('/api/sandbox/connection', { name: 'x' });
    expect(odd.statusCode).toBe(400);
    const missing = await designer.post('/api/sandbox/connection', {
      folderId: '00000000-0000-4000-8000-000000000000',
    });
    expect(missing.statusCode).toBe(404);
    expect(missing.json().detail).toMatch(/Folder .* does not exist/);
  });

  it('explains why there is none when the server runs without the sandbox', async () => {
    const other = await signIn(without, db, 'designer');
    const res = await other.post('/api/sandbox/connection', {});
    expect(res.statusCode).toBe(404);
    expect(res.json().detail).toContain('--no-sandbox');
  });
});
