import {
  ConfidentialClientApplication,
  type Configuration,
  type INetworkModule,
  type NetworkRequestOptions,
  type NetworkResponse,
} from '@azure/msal-node';
import { type Dispatcher, request } from 'undici';
import { AuthenticationError, redactUrl } from './errors.js';

/** Client credentials of the Entra ID app registered in F&O. */
export interface AuthConfig {
  tenantId: string;
  clientId: string;
  /** A client secret, or a certificate (PEM private key + SHA-256 thumbprint, hex) below. */
  clientSecret?: string;
  certificate?: { privateKey: string; thumbprintSha256: string; x5c?: string };
  /** Default `https://login.microsoftonline.com`; sovereign clouds or a test authority otherwise. */
  authorityHost?: string;
}

/** Supplies bearer tokens for one F&O environment. */
export interface TokenProvider {
  getToken(): Promise<string>;
  /** Forgets a cached token the service refused (401), so the next call fetches a new one. */
  invalidate?(): void;
}

/** `https://env.operations.dynamics.com/` → `https://env.operations.dynamics.com/.default`: the trailing-slash trap removed. */
export function scopeFor(resource: string): string {
  return `${resource.replace(/\/+$/, '')}/.default`;
}

/** MSAL's requests through our own HTTP stack, so the proxy and CA certificates apply to them too. */
export function networkClientFor(dispatcher: Dispatcher, timeoutMs = 30_000): INetworkModule {
  const send = async <T>(
    method: 'GET' | 'POST',
    url: string,
    options?: NetworkRequestOptions,
  ): Promise<NetworkResponse<T>> => {
    const res = await request(url, {
      method,
      dispatcher,
      headers: options?.headers ?? {},
      body: options?.body,
      headersTimeout: timeoutMs,
      bodyTimeout: timeoutMs,
    });
    const text = await res.body.text();
    const headers: Record<string, string> = {};
    for (const [name, value] of Object.entries(res.headers)) {
      if (value !== undefined) headers[name] = Array.isArray(value) ? value.join(', ') : value;
    }
    let body: T;
    try {
      body = JSON.parse(text) as T;
    } catch {
      // MSAL reads error/error_description: a proxy's HTML page becomes a readable error.
      body = {
        error: 'invalid_response',
        error_description: `${url.split('?')[0]} answered ${res.statusCode} with no JSON: ${text.slice(0, 200)}`,
      } as T;
    }
    return { headers, body, status: res.statusCode };
  };
  return {
    sendGetRequestAsync: (url, options) => send('GET', url, options),
    sendPostRequestAsync: (url, options) => send('POST', url, options),
  };
}

/** Client-credentials tokens from Entra ID (or any authority MSAL accepts), cached until near expiry. */
export function createMsalTokenProvider(
  auth: AuthConfig,
  resource: string,
  dispatcher: Dispatcher,
): TokenProvider {
  const host = (auth.authorityHost ?? 'https://login.microsoftonline.com').replace(/\/+$/, '');
  const authority = `${host}/${auth.tenantId}`;
  const authorityHostName = new URL(host).host;
  const config: Configuration = {
    auth: {
      clientId: auth.clientId,
      authority,
      // Non-Microsoft hosts (a test authority, AD FS) skip instance discovery.
      knownAuthorities: /(^|\.)(microsoftonline\.(com|us)|chinacloudapi\.cn|microsoftonline\.de)$/.test(
        new URL(host).hostname,
      )
        ? []
        : [authorityHostName],
    },
    system: { networkClient: networkClientFor(dispatcher) },
  };
  if (auth.clientSecret) config.auth.clientSecret = auth.clientSecret;
  else if (auth.certificate) config.auth.clientCertificate = auth.certificate;
  else throw new Error(`Auth for client ${auth.clientId}: give clientSecret or certificate`);
  const app = new ConfidentialClientApplication(config);
  const scopes = [scopeFor(resource)];
  let cached: { token: string; renewAt: number } | undefined;
  let pending: Promise<string> | undefined;
  const acquire = async (): Promise<string> => {
    try {
      const result = await app.acquireTokenByClientCredential({ scopes });
      if (!result?.accessToken) throw new Error('no access token in the response');
      // Renew 5 minutes before expiry, as MSAL does; this saves a cache lookup on every request.
      const expires = result.expiresOn?.getTime() ?? Date.now() + 600_000;
      cached = { token: result.accessToken, renewAt: expires - 300_000 };
      return result.accessToken;
    } catch (error) {
      const detail = error instanceof Error ? error.message.split('\n')[0] : String(error);
      throw new AuthenticationError(
        `Could not get a token for ${scopes[0]} from ${authority} as client ${auth.clientId}: ${detail}`,
        { method: 'POST', url: redactUrl(`${authority}/oauth2/v2.0/token`) },
        { cause: error },
      );
    } finally {
      pending = undefined;
    }
  };
  return {
    getToken() {
      if (cached && Date.now() < cached.renewAt) return Promise.resolve(cached.token);
      pending ??= acquire();
      return pending;
    },
    invalidate() {
      cached = undefined;
    },
  };
}
