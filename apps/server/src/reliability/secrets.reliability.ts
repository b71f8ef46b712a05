import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:net';
import { type Sandbox, startSandbox } from '@flowline/d365-sandbox';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../app.js';
import { copyCustomersProcess, waitFor } from '../executions/test-fixtures.js';
import { type Client, signIn } from '../test/sign-in.js';
import { testDb } from '../test/test-db.js';
import { everyColumn } from './support/db-snapshot.js';

// Section 5 of docs/reliability.md: the values of secrets are searched for in every answer, log line,
// export, execution record and database column after using them for real: none may be found.
let sandbox: Sandbox;
let app: FastifyInstance;
let url: string;
let drop: () => Promise<void>;
let designer: Client;
let admin: Client;
let operator: Client;
let deadProxy: Server;
const logs: string[] = [];
const answers: string[] = [];
const secrets = new Map<string, string>();
const unique = (what: string) => `${what}-${randomBytes(12).toString('base64url')}`;

beforeAll(async () => {
  sandbox = await startSandbox({ port: 0, https: true, seedSize: { CustomersV3: 40 } });
  // A proxy that refuses every caller at once (407): the password is sent, and nothing is retried.
  deadProxy = createServer((socket) => {
    socket.once('data', () =>
      socket.end('HTTP/1.1 407 Proxy Authentication Required\r\ncontent-length: 0\r\n\r\n'),
    );
  });
  await new Promise<void>((resolve) => deadProxy.listen(0, '127.0.0.1', resolve));
  const database = await testDb();
  url = database.url;
  drop = database.drop;
  app = await buildApp({
    db: database.db,
    version: 'test',
    secretKey: randomBytes(32),
    logger: { level: 'trace', stream: { write: (line: string) => void logs.push(line) } },
    connectionDefaults: { ca: [readFileSync(sandbox.caCertPath!, 'utf8')], allowedHosts: ['127.0.0.1'] },
  });
  app.addHook('onSend', async (_request, reply, payload) => {
    // Every header but the one that sets the session cookie: giving the token to its owner is its job.
    const { 'set-cookie': _cookie, ...headers } = reply.getHeaders();
    answers.push(`${JSON.stringify(headers)} ${typeof payload === 'string' ? payload : ''}`);
    return payload;
  });
  await app.executions.start({ databaseUrl: url, worker: true, runner: { heartbeatMs: 300, chunkSize: 20 } });
  admin = await signIn(app, database.db, 'admin');
  designer = await signIn(app, database.db, 'designer');
  operator = await signIn(app, database.db, 'operator');
});
afterAll(async () => {
  await app?.close();
  await drop?.();
  await sandbox?.stop();
  await new Promise((resolve) => deadProxy?.close(resolve));
});

describe('secrets, used for real, then searched for everywhere', () => {
  it('appear in no answer, log line, export, execution record or database column', async () => {
    const authorityHost = new URL(sandbox.authority).host;
    secrets.set('the demo client secret', sandbox.clients.registered.secret);

    // A process run end to end through a connection with a client secret.
    const ids = await copyCustomersProcess(sandbox, designer, { top: 30 });
    const run = await operator.post(`/api/processes/${ids.processId}/executions`, { mode: 'full' });
    expect(run.statusCode, run.body).toBe(202);
    const done = await waitFor(operator, run.json().id);
    expect(done.status, JSON.stringify(done)).toBe('succeeded');
    for (const path of ['', '/documents', '/documents?direction=failed']) {
      expect((await operator.get(`/api/executions/${done.id}${path}`)).statusCode).toBeLessThan(300);
    }
    await operator.get(`/api/executions/search?tracked=${encodeURIComponent('US-000001')}`);

    // A rotated client secret, a certificate's private key and a proxy password, each tested.
    const rotated = unique('client-secret');
    secrets.set('a rotated client secret', rotated);
    sandbox.registerClient({
      clientId: 'rotated-app',
      secret: rotated,
      fnoRegistered: true,
      defaultCompany: 'usmf',
    });
    const connection = (await designer.get(`/api/components/${ids.connectionId}`)).json();
    const body = structuredClone(connection.body);
    body.auth = { ...body.auth, clientId: 'rotated-app', clientSecret: rotated };
    const saved = await designer.put(
      `/api/components/${ids.connectionId}`,
      { body },
      { 'if-match': `"${ids.connectionId}.${connection.version}"` },
    );
    expect(saved.statusCode, saved.body).toBe(200);
    expect((await designer.post(`/api/connections/${ids.connectionId}/test`)).json().ok).toBe(true);

    const cert = await sandbox.createClientCertificate('cert-app', 'usmf');
    const keyBody = cert.privateKeyPem.split(/\r?\n/).filter((l) => l.trim() && !l.startsWith('-----'));
    secrets.set('a private key (its first line)', keyBody[0]!);
    secrets.set('a private key (its last line)', keyBody.at(-1)!);
    const certificate = await designer.post('/api/components', {
      type: 'connection',
      name: 'Certificate',
      body: {
        schemaVersion: 1,
        serviceUrl: sandbox.url,
        auth: {
          kind: 'certificate',
          tenant: 'sandbox',
          clientId: 'cert-app',
          certificate: cert.certPem,
          privateKey: cert.privateKeyPem,
          authorityHost,
        },
        defaultLegalEntity: 'usmf',
      },
    });
    expect(certificate.statusCode, certificate.body).toBe(201);
    const certTest = await designer.post(`/api/connections/${certificate.json().id}/test`);
    expect(certTest.json().ok, certTest.body).toBe(true);

    const proxyPassword = unique('proxy-password');
    secrets.set('a proxy password', proxyPassword);
    const proxied = await designer.post('/api/components', {
      type: 'connection',
      name: 'Through a proxy',
      body: {
        schemaVersion: 1,
        serviceUrl: sandbox.url,
        auth: {
          kind: 'clientSecret',
          tenant: 'sandbox',
          clientId: 'rotated-app',
          clientSecret: rotated,
          authorityHost,
        },
        proxy: {
          url: `http://127.0.0.1:${(deadProxy.address() as { port: number }).port}`,
          username: 'proxy-user',
          password: proxyPassword,
        },
      },
    });
    expect(proxied.statusCode, proxied.body).toBe(201);
    const proxyTest = await designer.post(`/api/connections/${proxied.json().id}/test`);
    expect(proxyTest.statusCode, proxyTest.body).toBeLessThan(500);
    expect(proxyTest.json().ok).toBe(false);

    // A user's password, and session tokens (their cookies are the one place a token belongs).
    const password = unique('user-password');
    secrets.set('a user password', password);
    const created = await admin.post('/api/users', {
      email: 'secretive@example.com',
      name: 'S',
      role: 'viewer',
      password,
    });
    expect(created.statusCode, created.body).toBe(201);
    const login = await app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { email: 'secretive@example.com', password },
    });
    expect(login.statusCode).toBe(200);
    for (const client of [admin, designer, operator]) {
      secrets.set(`a session token of ${client.email}`, String(client.headers.cookie).split('=')[1]!);
    }
    secrets.set(
      'a session token from a login',
      String(login.headers['set-cookie']).split(';')[0]!.split('=')[1]!,
    );
    await app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { email: 'secretive@example.com', password: `${password}x` },
    });

    // Exports, revisions, the audit log, browsing.
    const exported = await designer.get(`/api/components/${ids.processId}/export`);
    expect(exported.statusCode).toBe(200);
    for (const id of [ids.connectionId, certificate.json().id, proxied.json().id]) {
      await designer.get(`/api/components/${id}`);
      await designer.get(`/api/components/${id}/revisions`);
      await designer.get(`/api/components/${id}/revisions/1`);
      await designer.get(`/api/components/${id}/export`);
    }
    await admin.get('/api/audit?limit=500');
    await admin.get('/api/users');
    await designer.get(`/api/connections/${ids.connectionId}/entity-sets?search=customer`);

    const places: Record<string, string> = {
      answers: answers.join('\n'),
      'log lines': logs.join('\n'),
      'the export': exported.body,
      'the execution record': JSON.stringify(done),
      'database columns': await everyColumn(url),
    };
    const found: string[] = [];
    for (const [what, value] of secrets) {
      expect(value.length).toBeGreaterThan(10);
      for (const [where, text] of Object.entries(places))
        if (text.includes(value)) found.push(`${what} in ${where}`);
    }
    console.log(`reliability: secrets searched for: ${secrets.size}`);
    console.log(
      `reliability: places searched: ${Object.keys(places).join(', ')} (${answers.length} answers, ${logs.length} log lines)`,
    );
    console.log(`reliability: secrets found in clear: ${found.length}`);
    expect(found).toEqual([]);
    // The search can find what it looks for: the stored connection names its (non-secret) client id.
    expect(places['database columns']).toContain('rotated-app');
    expect(logs.length).toBeGreaterThan(20);
  });
});
