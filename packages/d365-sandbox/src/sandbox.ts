import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createAdmin, type SandboxAdmin } from './admin/admin.js';
import type { CertificateBundle } from './auth/certificates.js';
import { type ClientInput, ClientRegistry, DEMO_CLIENTS } from './auth/clients.js';
import { SigningKey } from './auth/jwt.js';
import { DEMO_USERS, type TestUser, TestUserDirectory } from './auth/test-users.js';
import { TENANT, TokenService } from './auth/token-service.js';
import type { FaultOptions, LimitOptions } from './faults/faults.js';
import { createListener } from './http/server.js';
import type { MetadataMode } from './metadata/metadata-cache.js';
import { type CompatOptions, SandboxState } from './state.js';
import type { SeedSize } from './store/seed.js';

/** Options of startSandbox; every field is optional. */
export interface SandboxOptions {
  /** HTTP port; 0 = random (the default here; the CLI defaults to 4010). */
  port?: number;
  /** Interface to listen on. @default '127.0.0.1' */
  host?: string;
  /** Also serve HTTPS (on port + 1, or a random port when port is 0) with a generated certificate. */
  https?: boolean;
  /** Added latency per OData request in ms, fixed or a [min, max] range. @default 0 */
  latency?: number | [number, number];
  /** `full` serves a $metadata of real size (>= 25 MB, >= 4,000 types). @default 'standard' */
  metadata?: MetadataMode;
  /** Seed of the data generator and of every fault decision. @default 1 */
  seed?: number;
  /** Rows per company for the headline entity sets. */
  seedSize?: Partial<SeedSize>;
  /** Legal entities that receive `seedSize` (e.g. ['usmf']); the others keep the default counts. @default all four */
  seedCompanies?: string[];
  faults?: FaultOptions;
  limits?: LimitOptions;
  /** Switches that make the sandbox more permissive than F&O (off by default). */
  compat?: CompatOptions;
  /** Server-driven page size. @default 10000 */
  pageSize?: number;
  /** People the authorization endpoint signs in (by `login_hint`; the first is the default). @default DEMO_USERS */
  testUsers?: TestUser[];
}

/** A running sandbox. */
export interface Sandbox {
  /** Environment URL, e.g. http://127.0.0.1:4010 (the token audience; scope = url + '/.default'). */
  url: string;
  /** OData root: url + '/data'. */
  odataUrl: string;
  /** Environment URL over HTTPS when `https` is on. */
  httpsUrl?: string;
  /** Token authority for msal (https when `https` is on), e.g. https://127.0.0.1:4011/sandbox. */
  authority: string;
  /** PEM file of the CA that signed the HTTPS certificate (trust it, e.g. NODE_EXTRA_CA_CERTS). */
  caCertPath?: string;
  tenant: typeof TENANT;
  /** Demo credentials. */
  clients: {
    registered: { clientId: string; secret: string; defaultCompany: string };
    unregistered: { clientId: string; secret: string };
    /** A web app registered for sign-in (authorization code flow), with loopback redirect URIs. */
    sso: { clientId: string; secret: string; redirectUris: string[] };
  };
  admin: SandboxAdmin;
  /** Registers an app (secret and/or certificate) in the tenant and, unless told otherwise, in F&O. */
  registerClient(input: ClientInput): void;
  /** Generates a client certificate and registers it for `clientId` (created when new). */
  createClientCertificate(clientId: string, defaultCompany?: string): Promise<CertificateBundle>;
  stop(): Promise<void>;
}

const listen = (server: Server, port: number, host: string): Promise<number> =>
  new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => resolve((server.address() as AddressInfo).port));
  });

const close = (server: Server): Promise<void> =>
  new Promise((resolve) => {
    server.close(() => resolve());
    server.closeAllConnections();
  });

/** Starts a simulated D365 F&O environment (OData + token service + admin) and resolves once listening. */
export async function startSandbox(options: SandboxOptions = {}): Promise<Sandbox> {
  const host = options.host ?? '127.0.0.1';
  const keyPromise = SigningKey.create();
  const state = new SandboxState(
    options.seed ?? 1,
    options.seedSize ?? {},
    options.metadata ?? 'standard',
    options.compat ?? {},
    options.faults ?? {},
    options.limits ?? {},
    options.latency ?? 0,
    options.seedCompanies,
  );
  if (options.pageSize) state.pageSize = options.pageSize;
  const admin = createAdmin(state);
  const clients = new ClientRegistry();
  const key = await keyPromise;
  const urls: { http: string; https?: string } = { http: '' };
  const tokens = new TokenService(
    key,
    clients,
    () => [urls.http, ...(urls.https ? [urls.https] : [])],
    new TestUserDirectory(options.testUsers ?? DEMO_USERS, TENANT),
  );
  const deps = { state, admin, clients, key, tokens, bases: () => urls };
  const server = createServer({ keepAliveTimeout: 30000 }, createListener(deps, false));
  const port = await listen(server, options.port ?? 0, host);
  const shown = host === '0.0.0.0' ? '127.0.0.1' : host;
  urls.http = `http://${shown}:${port}`;
  let httpsServer: Server | undefined;
  let caCertPath: string | undefined;
  let certDir: string | undefined;
  if (options.https) {
    // Loaded on demand: the X.509 library costs start-up time that plain HTTP does not need.
    const { generateTlsCertificates } = await import('./auth/certificates.js');
    const certs = await generateTlsCertificates([shown, 'localhost']);
    certDir = mkdtempSync(join(tmpdir(), 'flowline-sandbox-'));
    caCertPath = join(certDir, 'ca.pem');
    writeFileSync(caCertPath, certs.ca.certPem);
    httpsServer = createHttpsServer(
      { key: certs.server.privateKeyPem, cert: certs.server.certPem, keepAliveTimeout: 30000 },
      createListener(deps, true),
    );
    const httpsPort = await listen(httpsServer, options.port ? port + 1 : 0, host);
    urls.https = `https://${shown}:${httpsPort}`;
  }
  return {
    url: urls.http,
    odataUrl: `${urls.http}/data`,
    httpsUrl: urls.https,
    authority: `${urls.https ?? urls.http}/${TENANT}`,
    caCertPath,
    tenant: TENANT,
    clients: {
      registered: { ...DEMO_CLIENTS.registered },
      unregistered: { ...DEMO_CLIENTS.unregistered },
      sso: { ...DEMO_CLIENTS.sso, redirectUris: [...DEMO_CLIENTS.sso.redirectUris] },
    },
    admin,
    registerClient: (input) => {
      clients.register(input);
    },
    createClientCertificate: async (clientId, defaultCompany) => {
      const { generateClientCertificate } = await import('./auth/certificates.js');
      const cert = await generateClientCertificate(clientId);
      clients.register({ clientId, certificatePem: cert.certPem, defaultCompany });
      return cert;
    },
    stop: async () => {
      await Promise.all([close(server), ...(httpsServer ? [close(httpsServer)] : [])]);
      if (certDir) rmSync(certDir, { recursive: true, force: true });
    },
  };
}
