import { readFileSync } from 'node:fs';
import { createFnoClient, type FnoClient, type FnoConnectionConfig } from '@flowline/d365-connector';
import { type Sandbox, startSandbox } from '@flowline/d365-sandbox';
import { expect } from 'vitest';
import { buildApp } from '../app.js';
import { pipelineProcessBody } from '../sandbox/example-process.js';
import type { SandboxAccess } from '../sandbox/sandbox.routes.js';
import { type Client, signIn } from '../test/test-app.js';
import { testDb } from '../test/test-db.js';

export { pipelineProcessBody };

export const SECRET_KEY = Buffer.alloc(32, 9);

/**
 * A sandbox over HTTPS, an app on its own database trusting the sandbox's CA, and signed-in clients.
 * `seedCompanies` limits the seeded customer count to those companies (the others keep 500).
 */
export async function executionsTestBed(
  customersPerCompany: number,
  options: { seedCompanies?: string[]; localSandbox?: boolean } = {},
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
    ...(options.localSandbox ? { sandbox: localSandboxAccess(sandbox) } : {}),
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
  const connectionId = await create(designer, 'connection', 'Sandbox', sandboxConnectionBody(sandbox));
  const res = await designer.get(`/api/connections/${connectionId}/entity-sets/CustomersV3/profile`);
  expect(res.statusCode, res.body).toBe(200);
  const profile = res.json().profile;
  const fields = COPIED_FIELDS;
  const queryId = await create(designer, 'operation', 'usmf customers', {
    ...customersQueryBody(connectionId, profile),
    ...(options.top ? { top: options.top } : {}),
  });
  const { batch, ...oneByOne } = customersCreateBody(connectionId, profile);
  const createId = await create(
    designer,
    'operation',
    'create customer',
    options.batch === false ? oneByOne : { ...oneByOne, batch },
  );
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
  const processId = await create(
    designer,
    'process',
    'Copy customers',
    pipelineProcessBody('Copy customers', { connectionId, queryId, mapId, writeId: createId }),
  );
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

/** The fields the copy-customers processes read and write. */
export const COPIED_FIELDS = [
  'dataAreaId',
  'CustomerAccount',
  'OrganizationName',
  'CustomerGroupId',
  'SalesCurrencyCode',
];

/** The sandbox as the server sees the one `npm start` runs beside it (`AppOptions.sandbox`). */
export function localSandboxAccess(sandbox: Sandbox): SandboxAccess {
  return {
    url: sandbox.url,
    tenant: sandbox.tenant,
    clientId: sandbox.clients.registered.clientId,
    clientSecret: sandbox.clients.registered.secret,
    authorityHost: new URL(sandbox.authority).host,
  };
}

/** A connector client of an HTTPS sandbox, as its registered app, trusting the sandbox's CA. */
export function sandboxClient(sandbox: Sandbox, extra: Partial<FnoConnectionConfig> = {}): FnoClient {
  return createFnoClient({
    url: sandbox.url,
    auth: {
      tenantId: sandbox.tenant,
      clientId: sandbox.clients.registered.clientId,
      clientSecret: sandbox.clients.registered.secret,
      authorityHost: sandbox.authority.slice(0, sandbox.authority.lastIndexOf('/')),
    },
    http: { ca: readFileSync(sandbox.caCertPath!) },
    ...extra,
  });
}

/** A connection to the sandbox with its demo app's secret, usmf by default. */
export function sandboxConnectionBody(sandbox: Sandbox) {
  return {
    schemaVersion: 1,
    serviceUrl: sandbox.url,
    auth: {
      kind: 'clientSecret',
      tenant: 'sandbox',
      clientId: sandbox.clients.registered.clientId,
      clientSecret: sandbox.clients.registered.secret,
      authorityHost: new URL(sandbox.authority).host,
    },
    defaultLegalEntity: 'usmf',
  };
}

/** A query of the usmf customers' {@link COPIED_FIELDS}, ordered by account. */
export function customersQueryBody(connectionId: string, profile: unknown) {
  return {
    schemaVersion: 1,
    connectionId,
    action: 'query',
    entitySet: 'CustomersV3',
    select: COPIED_FIELDS,
    orderBy: [{ path: 'CustomerAccount' }],
    legalEntity: 'usmf',
    responseProfile: profile,
  };
}

/** A create of customers in `$batch` change sets of 100. */
export function customersCreateBody(connectionId: string, profile: unknown) {
  return {
    schemaVersion: 1,
    connectionId,
    action: 'create',
    entitySet: 'CustomersV3',
    batch: { enabled: true, size: 100 },
    requestProfile: profile,
  };
}
