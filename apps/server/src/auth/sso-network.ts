import type { INetworkModule, NetworkRequestOptions, NetworkResponse } from '@azure/msal-node';
import { type Dispatcher, request } from 'undici';

/**
 * MSAL's HTTP calls (discovery, token) through an undici dispatcher, so a proxy from the environment
 * and extra CA certificates (a test authority's) apply. Bodies are never logged: they carry the secret.
 */
export function ssoNetworkClient(dispatcher: Dispatcher, timeoutMs = 15_000): INetworkModule {
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
