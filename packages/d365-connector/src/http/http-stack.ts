import type { LookupFunction } from 'node:net';
import { brotliDecompressSync, gunzipSync, inflateSync } from 'node:zlib';
import { Agent, type Dispatcher, EnvHttpProxyAgent, ProxyAgent } from 'undici';

/**
 * A proxy: its URL (credentials may be in it), or the parts; `noProxy`: hosts reached directly
 * (`host`, `host:port`, `.domain` for every host below it), as `NO_PROXY` has them.
 */
export type ProxyConfig = string | { url: string; username?: string; password?: string; noProxy?: string[] };

export interface HttpOptions {
  /** Connections per origin (each carries one request at a time). Default 8. */
  maxConnections?: number;
  connectTimeoutMs?: number;
  /** Time to wait for response headers, and between body chunks. Default 120 s. */
  responseTimeoutMs?: number;
  keepAliveTimeoutMs?: number;
  /**
   * A proxy for this connection. Undefined: `HTTPS_PROXY`/`HTTP_PROXY`/`NO_PROXY` from the environment;
   * `false`: never a proxy.
   */
  proxy?: ProxyConfig | false;
  /** Extra CA certificates (PEM) to trust, for the service, the token authority and the proxy. */
  ca?: string | Buffer | (string | Buffer)[];
  /**
   * Resolves host names as connections are made (net.connect's `lookup`): where a server judges the
   * address a connection really goes to, e.g. to keep connections off its own network.
   */
  lookup?: LookupFunction;
}

function proxyOptions(proxy: ProxyConfig): ProxyAgent.Options {
  const spec = typeof proxy === 'string' ? { url: proxy } : proxy;
  const url = new URL(spec.url);
  const username = spec.username ?? decodeURIComponent(url.username);
  const password = spec.password ?? decodeURIComponent(url.password);
  url.username = '';
  url.password = '';
  const options: ProxyAgent.Options = { uri: url.toString() };
  if (username) options.token = `Basic ${Buffer.from(`${username}:${password}`).toString('base64')}`;
  return options;
}

function hasEnvProxy(): boolean {
  const env = process.env;
  return Boolean(env.HTTPS_PROXY || env.https_proxy || env.HTTP_PROXY || env.http_proxy);
}

/**
 * The one HTTP stack of a connection (data, `$metadata`, token requests): keep-alive pool, connect and
 * response timeouts, the connection cap, the proxy and extra CA certificates (decompression: `decodeBody`).
 */
export function createDispatcher(options: HttpOptions = {}): Dispatcher {
  const tls = options.ca ? { ca: options.ca } : undefined;
  const agentOptions: Agent.Options = {
    connections: options.maxConnections ?? 8,
    pipelining: 1,
    keepAliveTimeout: options.keepAliveTimeoutMs ?? 30_000,
    headersTimeout: options.responseTimeoutMs ?? 120_000,
    bodyTimeout: options.responseTimeoutMs ?? 120_000,
    connect: {
      timeout: options.connectTimeoutMs ?? 10_000,
      ...tls,
      ...(options.lookup ? { lookup: options.lookup } : {}),
    },
  };
  let base: Dispatcher;
  const bypass = typeof options.proxy === 'object' ? options.proxy.noProxy : undefined;
  if (options.proxy && bypass?.length) {
    // undici's agent that picks the proxy or a direct connection by host, told the hosts itself
    // (never the environment's): the proxy's `uri` and credentials become its proxies' own.
    const { uri, ...proxyAuth } = proxyOptions(options.proxy);
    base = new EnvHttpProxyAgent({
      ...agentOptions,
      ...proxyAuth,
      httpProxy: uri,
      httpsProxy: uri,
      noProxy: bypass.join(','),
      requestTls: tls,
      proxyTls: tls,
    });
  } else if (options.proxy) {
    base = new ProxyAgent({
      ...agentOptions,
      ...proxyOptions(options.proxy),
      requestTls: tls,
      proxyTls: tls,
    });
  } else if (options.proxy === undefined && hasEnvProxy()) {
    base = new EnvHttpProxyAgent({ ...agentOptions, requestTls: tls, proxyTls: tls });
  } else {
    base = new Agent(agentOptions);
  }
  return base;
}

/** Decodes a response body by its Content-Encoding (gzip, deflate, br); undici's request() does not. */
export function decodeBody(body: Buffer, encoding: string | string[] | undefined): Buffer {
  const coding = (Array.isArray(encoding) ? encoding.join(',') : (encoding ?? '')).trim().toLowerCase();
  if (coding === '' || coding === 'identity') return body;
  if (coding === 'gzip' || coding === 'x-gzip') return gunzipSync(body);
  if (coding === 'deflate') return inflateSync(body);
  if (coding === 'br') return brotliDecompressSync(body);
  throw new Error(`Unsupported Content-Encoding: ${coding}`);
}
