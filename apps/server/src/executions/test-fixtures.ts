import { readFileSync } from 'node:fs';
import { type Sandbox, startSandbox } from '@flowline/d365-sandbox';
import { expect } from 'vitest';
import { buildApp } from '../app.js';
import { type Client, signIn } from '../test/test-app.js';
import { testDb } from '../test/test-db.js';

export const SECRET_KEY = Buffer.alloc(32, 9);

/**
 * A sandbox over HTTPS, an app on its own database trusting the sandbox's CA, and signed-in clients.
 * `seedCompanies` limits the seeded customer count to those companies (the others keep 500).
 */
export async function executionsTestBed(
  customersPerCompany: number,
  options: { seedCompanies?: string[] } = {},
) {
  const sandbox = await startSandbox({
    port: 0,
    https: true,
    seedSize: { CustomersV3: customersPerCompany },
    ...(options.seedCompanies ? { seedCompanies: options.seedCompanies } : {}),
  });
  const { db, url, drop } = await testDb();
  const caPem = readFileSync(sandbox.caCertPath!, 'utf8');
  const app = await buildApp({
    db,
    version: 'test',
    secretKey: SECRET_KEY,
    connectionDefaults: { ca: [caPem], allowedHosts: ['127.0.0.1'] },
  });
  const designer = await signIn(app, db, 'designer');
  const operator = await signIn(app, db, 'operator');
  const viewer = await signIn(app, db, 'viewer');
  return {
    sandbox,
    app,
    db,
    url,
    designer,
    operator,
    viewer,
    close: async () => {
      await app.close();
      await drop();
      await sandbox.stop();
    },
  };
}

async function create(
  client: Client,
  type: string,
  name: string,
  body: Record<string, unknown>,
): Promise<string> {
  const res = await client.post('/api/components', { type, name, body });
  expect(res.statusCode, res.body).toBe(201);
  return res.json().id as string;
}

/**
 * Components of "copy the customers of usmf to usrt": a connection, a query of usmf (its first `top`
 * customers when given), a map setting the company, a create (in `$batch` change sets when `batch`),
 * and the process joining them.
 */
export async function copyCustomersProcess(
  sandbox: Sandbox,
  designer: Client,
  options: { batch?: boolean; target?: string; top?: number } = {},
) {
  const authority = new URL(sandbox.authority);
  const connectionId = await create(designer, 'connection', 'Sandbox', {
    schemaVersion: 1,
    serviceUrl: sandbox.url,
    auth: {
      kind: 'clientSecret',
      tenant: 'sandbox',
      clientId: sandbox.clients.registered.clientId,
      clientSecret: sandbox.clients.registered.secret,
      authorityHost: authority.host,
    },
    defaultLegalEntity: 'usmf',
  });
  const res = await designer.get(`/api/connections/${connectionId}/entity-sets/CustomersV3/profile`);
  expect(res.statusCode, res.body).toBe(200);
  const profile = res.json().profile;
  const fields = [
    'dataAreaId',
    'CustomerAccount',
    'OrganizationName',
    'CustomerGroupId',
    'SalesCurrencyCode',
  ];
  const queryId = await create(designer, 'operation', 'usmf customers', {
    schemaVersion: 1,
    connectionId,
    action: 'query',
    entitySet: 'CustomersV3',
    select: fields,
    orderBy: [{ path: 'CustomerAccount' }],
    legalEntity: 'usmf',
    ...(options.top ? { top: options.top } : {}),
    responseProfile: profile,
  });
  const createId = await create(designer, 'operation', 'create customer', {
    schemaVersion: 1,
    connectionId,
    action: 'create',
    entitySet: 'CustomersV3',
    ...(options.batch === false ? {} : { batch: { enabled: true, size: 100 } }),
    requestProfile: profile,
  });
  const source = (path: string) => ({ type: 'source', path });
  const mapId = await create(designer, 'map', 'usmf to usrt', {
    schemaVersion: 1,
    name: 'usmf to usrt',
    source: { profile },
    target: { profile },
    rules: [
      {
        id: 'r1',
        kind: 'field',
        target: 'dataAreaId',
        value: { type: 'constant', value: options.target ?? 'usrt' },
      },
      ...fields.slice(1).map((f, i) => ({ id: `r${i + 2}`, kind: 'field', target: f, value: source(f) })),
    ],
  });
  const processId = await create(designer, 'process', 'Copy customers', {
    schemaVersion: 1,
    name: 'Copy customers',
    shapes: [
      {
        id: 'start',
        kind: 'start',
        position: { x: 0, y: 0 },
        config: { mode: 'operation', connectionId, operationId: queryId },
      },
      { id: 'map', kind: 'map', position: { x: 200, y: 0 }, onError: 'errorPath', config: { mapId } },
      {
        id: 'write',
        kind: 'connector',
        position: { x: 400, y: 0 },
        onError: 'errorPath',
        config: { connectionId, operationId: createId },
      },
      { id: 'mapFailed', kind: 'stop', position: { x: 400, y: 200 }, config: { scope: 'path' } },
      { id: 'writeFailed', kind: 'stop', position: { x: 600, y: 200 }, config: { scope: 'path' } },
    ],
    edges: [
      { id: 'e1', from: 'start', handle: 'out', to: 'map' },
      { id: 'e2', from: 'map', handle: 'out', to: 'write' },
      { id: 'e3', from: 'map', handle: 'error', to: 'mapFailed' },
      { id: 'e4', from: 'write', handle: 'error', to: 'writeFailed' },
    ],
  });
  return { connectionId, queryId, createId, mapId, processId };
}

/** Polls an execution until it has ended (or `until` says so), returning its detail. */
export async function waitFor(
  client: Client,
  id: string,
  until: (e: { status: string; shapes: Record<string, { in: number }> }) => boolean = (e) =>
    !['queued', 'running'].includes(e.status),
  timeoutMs = 60_000,
) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const res = await client.get(`/api/executions/${id}`);
    expect(res.statusCode, res.body).toBe(200);
    const detail = res.json();
    if (until(detail)) return detail;
    if (Date.now() > deadline) throw new Error(`Execution ${id} still ${detail.status}: ${res.body}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}
