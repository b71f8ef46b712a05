import { lookup } from 'node:dns/promises';
import { readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:net';
import { hostname } from 'node:os';
import { type Sandbox, startSandbox } from '@flowline/d365-sandbox';
import fc from 'fast-check';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../app.js';
import { HostPolicy, type Resolve } from '../connections/host-policy.js';
import { type Client, signIn } from '../test/sign-in.js';
import { testDb } from '../test/test-db.js';

// Section 5 of docs/reliability.md: connections reach public hosts and the local sandbox; loopback,
// link-local and private addresses, however written, only when FLOWLINE_ALLOWED_HOSTS lists them.
const figures = { urls: 0, refused: 0, allowed: 0 };
afterAll(() => {
  console.log(`reliability: host policy URLs tried: ${figures.urls}`);
  console.log(`reliability: host policy internal URLs refused: ${figures.refused}`);
  console.log(`reliability: host policy URLs let through: ${figures.allowed}`);
});

/** A resolver standing in for DNS: names that point at private addresses, or at several. */
const dns: Resolve = async (host) => {
  const known: Record<string, string[]> = {
    'intranet.example.com': ['10.1.2.3'],
    'db.example.com': ['192.168.0.10'],
    'metadata.example.com': ['169.254.169.254'],
    'v6.example.com': ['fd00::1'],
    'mapped.example.com': ['::ffff:172.16.0.1'],
    'rebind.example.com': ['93.184.216.34', '127.0.0.1'],
    'public.example.com': ['93.184.216.34', '2606:2800:220:1:248:1893:25c8:1946'],
  };
  const found = known[host];
  if (!found) throw Object.assign(new Error(`getaddrinfo ENOTFOUND ${host}`), { code: 'ENOTFOUND' });
  return found;
};

const verdict = async (policy: HostPolicy, url: string) => {
  figures.urls++;
  try {
    await policy.check(url, '/serviceUrl');
    figures.allowed++;
    return 'allowed';
  } catch (e) {
    expect(e).toMatchObject({ status: 422, extra: { errors: [{ path: '/body/serviceUrl' }] } });
    figures.refused++;
    return 'refused';
  }
};

const INTERNAL = [
  ['loopback', 'http://127.0.0.1:5432/'],
  ['loopback range', 'http://127.255.0.9/'],
  ['decimal loopback', 'http://2130706433/'],
  ['hex loopback', 'http://0x7f000001/'],
  ['octal loopback', 'http://0177.0.0.1/'],
  ['short loopback', 'http://127.1/'],
  ['mixed loopback', 'http://0x7f.0.0.01/'],
  ['zero address', 'http://0.0.0.0:3000/'],
  ['zero as a number', 'http://0/'],
  ['IPv6 loopback', 'http://[::1]/'],
  ['IPv6 loopback long', 'http://[0:0:0:0:0:0:0:1]/'],
  ['IPv6 unspecified', 'http://[::]/'],
  ['IPv4-mapped loopback', 'http://[::ffff:127.0.0.1]/'],
  ['IPv4-mapped loopback in hex', 'http://[::ffff:7f00:1]/'],
  ['IPv4-compatible loopback', 'http://[::127.0.0.1]/'],
  ['NAT64 loopback', 'http://[64:ff9b::127.0.0.1]/'],
  ['6to4 loopback', 'http://[2002:7f00:1::]/'],
  ['localhost', 'http://localhost:3000/'],
  ['LOCALHOST', 'http://LOCALHOST/'],
  ['localhost.', 'http://localhost./'],
  ['sub.localhost', 'http://api.localhost/'],
  ['localhost.localdomain', 'http://localhost.localdomain./'],
  ['ip6-localhost', 'http://ip6-localhost/'],
  ['cloud metadata', 'http://169.254.169.254/latest/meta-data/'],
  ['cloud metadata in decimal', 'http://2852039166/'],
  ['IPv4-mapped metadata', 'http://[::ffff:169.254.169.254]/'],
  ['IPv6 link-local', 'http://[fe80::1]/'],
  ['10/8', 'http://10.0.0.1/'],
  ['10/8 in hex', 'http://0x0a000001/'],
  ['172.16/12', 'http://172.31.255.254/'],
  ['192.168/16', 'https://192.168.1.1/'],
  ['192.168/16 mapped', 'http://[::ffff:c0a8:101]/'],
  ['carrier-grade NAT', 'http://100.64.0.1/'],
  ['unique local', 'http://[fd12:3456::1]/'],
  ['site local', 'http://[fec0::1]/'],
  ['multicast', 'http://224.0.0.1/'],
  ['broadcast', 'http://255.255.255.255/'],
  ['IPv6 multicast', 'http://[ff02::1]/'],
  ['DNS name to 10/8', 'https://intranet.example.com/data'],
  ['DNS name to 192.168/16', 'https://db.example.com/'],
  ['DNS name to the metadata service', 'http://metadata.example.com/'],
  ['DNS name to unique local', 'https://v6.example.com/'],
  ['DNS name to a mapped address', 'https://mapped.example.com/'],
  ['DNS name with one private address', 'https://rebind.example.com/'],
] as const;

describe('the host policy', () => {
  it('refuses every internal address, however written, by default', async () => {
    const none = new HostPolicy([], dns);
    for (const [what, url] of INTERNAL) expect(await verdict(none, url), what).toBe('refused');
    // A real name through the system resolver: this machine's own name (usually its own address).
    const own = await lookup(hostname(), { all: true }).catch(() => []);
    const ownIsInternal = own.some((a) =>
      /^(127\.|10\.|192\.168\.|172\.(1[6-9]|2\d|3[01])\.|::1$|fe80:|f[cd])/i.test(a.address),
    );
    expect(await verdict(new HostPolicy([]), `http://${hostname()}:8080/`)).toBe(
      ownIsInternal ? 'refused' : 'allowed',
    );
  });

  it('lets public hosts through by default', async () => {
    const none = new HostPolicy([], dns);
    for (const url of [
      'https://8.8.8.8/',
      'https://134744072/',
      'https://[2001:4860:4860::8888]/',
      'https://[::ffff:8.8.8.8]/',
      'https://[2002:808:808::]/',
      'https://public.example.com/data',
      'https://unresolvable.example.com/',
    ]) {
      expect(await verdict(none, url), url).toBe('allowed');
    }
  });

  it('lets through exactly what FLOWLINE_ALLOWED_HOSTS lists', async () => {
    for (const [what, url] of INTERNAL) {
      const host = new URL(url).hostname.replace(/^\[|\]$/g, '');
      const allowedHere = HostPolicy.fromEnv({ FLOWLINE_ALLOWED_HOSTS: `example.org,${host}` });
      expect(await verdict(new HostPolicy([`example.org`, host], dns), url), what).toBe('allowed');
      expect(allowedHere).toBeInstanceOf(HostPolicy);
    }
    const sandboxOnly = new HostPolicy(['127.0.0.1:4010', '127.0.0.1:4011'], dns);
    expect(await verdict(sandboxOnly, 'http://127.0.0.1:4010/data')).toBe('allowed');
    expect(await verdict(sandboxOnly, 'https://127.0.0.1:4011/sandbox')).toBe('allowed');
    expect(await verdict(sandboxOnly, 'http://127.0.0.1:5432/')).toBe('refused');
    expect(await verdict(sandboxOnly, 'http://localhost:4010/')).toBe('refused');
    const ranges = new HostPolicy(['10.0.0.0/8', 'fd00::/8'], dns);
    expect(await verdict(ranges, 'https://intranet.example.com/')).toBe('allowed');
    expect(await verdict(ranges, 'https://v6.example.com/')).toBe('allowed');
    expect(await verdict(ranges, 'https://db.example.com/')).toBe('refused');
    expect(await verdict(new HostPolicy(['*'], dns), 'http://[::1]/')).toBe('allowed');
  });

  it('judges an IPv4 address the same in every spelling (property-based)', async () => {
    const none = new HostPolicy([], dns);
    // The ranges, written independently of the policy's own table.
    const internal = (a: number, b: number, c: number) =>
      a === 0 ||
      a === 10 ||
      a === 127 ||
      a >= 224 ||
      (a === 100 && b >= 64 && b < 128) ||
      (a === 169 && b === 254) ||
      (a === 172 && b >= 16 && b < 32) ||
      (a === 192 && b === 168) ||
      (a === 192 && b === 0 && c === 0) ||
      (a === 198 && (b === 18 || b === 19));
    await fc.assert(
      fc.asyncProperty(fc.tuple(fc.nat(255), fc.nat(255), fc.nat(255), fc.nat(255)), async (parts) => {
        const [a, b, c, d] = parts;
        const n = ((a << 24) >>> 0) + (b << 16) + (c << 8) + d;
        const expected = internal(a, b, c) ? 'refused' : 'allowed';
        const spellings = [
          `${a}.${b}.${c}.${d}`,
          String(n),
          `0x${n.toString(16)}`,
          parts.map((p) => `0${p.toString(8)}`).join('.'),
          `[::ffff:${a}.${b}.${c}.${d}]`,
          `[64:ff9b::${a}.${b}.${c}.${d}]`,
        ];
        for (const host of spellings) expect(await verdict(none, `http://${host}/`), host).toBe(expected);
      }),
      { numRuns: 300, seed: 5 },
    );
  });
});

describe('through the server', () => {
  let sandbox: Sandbox;
  let app: FastifyInstance;
  let designer: Client;
  let drop: () => Promise<void>;
  let internalService: Server;
  let knocks = 0;

  beforeAll(async () => {
    sandbox = await startSandbox({ port: 0, https: true });
    internalService = createServer((socket) => {
      knocks++;
      socket.destroy();
    });
    await new Promise<void>((resolve) => internalService.listen(0, '127.0.0.1', resolve));
    const database = await testDb();
    drop = database.drop;
    // As main.ts does: FLOWLINE_ALLOWED_HOSTS (empty here) plus the local sandbox's two ports.
    app = await buildApp({
      db: database.db,
      version: 'test',
      secretKey: Buffer.alloc(32, 3),
      connectionDefaults: {
        ca: [readFileSync(sandbox.caCertPath!, 'utf8')],
        allowedHosts: [new URL(sandbox.url).host, new URL(sandbox.authority).host],
      },
    });
    designer = await signIn(app, database.db, 'designer');
  });
  afterAll(async () => {
    await app.close();
    await drop();
    await sandbox.stop();
    await new Promise((resolve) => internalService.close(resolve));
  });

  const connection = async (serviceUrl: string, authorityHost = new URL(sandbox.authority).host) => {
    const res = await designer.post('/api/components', {
      type: 'connection',
      name: `To ${serviceUrl}`,
      body: {
        schemaVersion: 1,
        serviceUrl,
        auth: {
          kind: 'clientSecret',
          tenant: 'sandbox',
          clientId: sandbox.clients.registered.clientId,
          clientSecret: sandbox.clients.registered.secret,
          authorityHost,
        },
        defaultLegalEntity: 'usmf',
      },
    });
    expect(res.statusCode, res.body).toBe(201);
    return res.json().id as string;
  };

  it('reaches the local sandbox, and refuses a designer pointing a connection at internals', async () => {
    const ok = await designer.post(`/api/connections/${await connection(sandbox.url)}/test`);
    expect(ok.statusCode, ok.body).toBe(200);
    expect(ok.json().ok).toBe(true);
    const port = (internalService.address() as { port: number }).port;
    for (const url of [
      `http://127.0.0.1:${port}/data`,
      `http://localhost.:${port}/data`,
      `http://2130706433:${port}/data`,
      `http://[::ffff:127.0.0.1]:${port}/data`,
    ]) {
      const res = await designer.post(`/api/connections/${await connection(url)}/test`);
      expect(res.statusCode, `${url}: ${res.body}`).toBe(422);
      expect(res.json().errors[0].path).toBe('/body/serviceUrl');
      const sets = await designer.get(`/api/connections/${await connection(url)}/entity-sets`);
      expect(sets.statusCode, sets.body).toBe(422);
    }
    const authority = await designer.post(
      `/api/connections/${await connection(sandbox.url, `127.0.0.1:${port}`)}/test`,
    );
    expect(authority.statusCode, authority.body).toBe(422);
    expect(authority.json().errors[0].path).toBe('/body/auth/authorityHost');
    expect(knocks).toBe(0);
  });
});
