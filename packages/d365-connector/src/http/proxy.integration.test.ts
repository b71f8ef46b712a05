import { createServer } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { createProxy, type ProxyServer } from 'proxy';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { type SandboxHarness, startHarness } from '../test-support/sandbox-client.js';
import { NetworkError } from './errors.js';

/** A real forward/CONNECT proxy on 127.0.0.1 that records what went through it. */
async function startProxy(
  credentials?: string,
): Promise<{ url: string; seen: string[]; server: ProxyServer; stop(): Promise<void> }> {
  const seen: string[] = [];
  const server = createProxy(createServer());
  // CONNECT tunnels are not the server's to close: track their sockets to end them on stop.
  const sockets = new Set<Socket>();
  server.on('connection', (socket: Socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  server.on('connect', (req) => seen.push(`CONNECT ${req.url}`));
  server.on('request', (req) => seen.push(`${req.method} ${req.url}`));
  if (credentials) {
    server.authenticate = (req) =>
      req.headers['proxy-authorization'] === `Basic ${Buffer.from(credentials).toString('base64')}`;
  }
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const stop = async () => {
    for (const socket of sockets) socket.destroy();
    await new Promise((resolve) => server.close(resolve));
  };
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, seen, server, stop };
}

describe('proxy support', () => {
  let h: SandboxHarness;
  let proxy: Awaited<ReturnType<typeof startProxy>>;
  const env = { ...process.env };
  beforeAll(async () => {
    h = await startHarness();
    proxy = await startProxy('flow:line p@ss');
  });
  afterEach(() => {
    process.env = { ...env };
    proxy.seen.length = 0;
  });
  afterAll(async () => {
    await h.stop();
    await proxy.stop();
  });

  it('sends token and data requests through a per-connection proxy with credentials', async () => {
    const withCreds = proxy.url.replace(
      'http://',
      `http://${encodeURIComponent('flow')}:${encodeURIComponent('line p@ss')}@`,
    );
    const client = h.clientWith({ http: { ...h.config.http, proxy: withCreds } });
    const page = await client.queryPages('CustomerGroups', { top: 2 }).next();
    expect(page.value?.records).toHaveLength(2);
    const authority = new URL(h.sb.authority).host;
    const service = new URL(h.sb.url).host;
    expect(proxy.seen).toContain(`CONNECT ${authority}`);
    expect(proxy.seen.some((s) => s.includes(service))).toBe(true);
  });

  it("reaches the hosts of a connection's own bypass list directly, the others through its proxy", async () => {
    const authority = new URL(h.sb.authority).host;
    const service = new URL(h.sb.url).host;
    const client = h.clientWith({
      http: {
        ...h.config.http,
        proxy: { url: proxy.url, username: 'flow', password: 'line p@ss', noProxy: [authority] },
      },
    });
    const page = await client.queryPages('CustomerGroups', { top: 1 }).next();
    expect(page.value?.records).toHaveLength(1);
    expect(proxy.seen.some((s) => s.includes(service))).toBe(true);
    expect(proxy.seen.some((s) => s.includes(authority))).toBe(false);
  });

  it('is refused by the proxy without the right credentials', async () => {
    const client = h.clientWith({
      http: { ...h.config.http, proxy: { url: proxy.url, username: 'flow', password: 'nope' } },
    });
    await expect(client.queryPages('CustomerGroups', { top: 1 }).next()).rejects.toThrow();
  });

  it('uses HTTPS_PROXY/HTTP_PROXY from the environment and honours NO_PROXY', async () => {
    const open = await startProxy();
    try {
      process.env.HTTPS_PROXY = open.url;
      process.env.HTTP_PROXY = open.url;
      process.env.NO_PROXY = '';
      const viaEnv = h.clientWith({});
      await viaEnv.queryPages('CustomerGroups', { top: 1 }).next();
      expect(open.seen.length).toBeGreaterThan(0);

      open.seen.length = 0;
      process.env.NO_PROXY = '127.0.0.1';
      const bypass = h.clientWith({});
      await bypass.queryPages('CustomerGroups', { top: 1 }).next();
      expect(open.seen).toEqual([]);
    } finally {
      await open.stop();
    }
  });

  it('reports an unreachable proxy as a NetworkError naming the request', async () => {
    const client = h.clientWith({
      http: { ...h.config.http, proxy: 'http://127.0.0.1:1' },
      tokenProvider: { getToken: async () => 'x' },
      retry: { maxAttempts: 2, baseDelayMs: 1, budgetMs: 1000 },
    });
    const e = await client
      .queryPages('CustomerGroups', { top: 1 })
      .next()
      .catch((x: unknown) => x);
    expect(e).toBeInstanceOf(NetworkError);
    expect((e as NetworkError).url).toContain('/data/CustomerGroups');
  });
});
