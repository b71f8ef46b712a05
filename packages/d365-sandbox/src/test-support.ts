import { type Sandbox, type SandboxOptions, startSandbox } from './sandbox.js';

/** A started sandbox plus a token for the demo client and small HTTP helpers (tests only). */
export interface TestSandbox {
  sb: Sandbox;
  token: string;
  /** Calls a path below the environment URL with the demo client's token. */
  call(
    path: string,
    init?: { method?: string; body?: unknown; headers?: Record<string, string> },
  ): Promise<Response>;
  json<T = Record<string, unknown>>(path: string): Promise<T>;
}

/** Fetches a client-credentials token with a client secret. */
export async function fetchToken(
  sb: Sandbox,
  clientId: string,
  secret: string,
  scope = `${sb.url}/.default`,
): Promise<Response> {
  return fetch(`${sb.url}/${sb.tenant}/oauth2/v2.0/token`, {
    method: 'POST',
    body: new URLSearchParams({
      grant_type: 'client_credentials',
      client_id: clientId,
      client_secret: secret,
      scope,
    }),
  });
}

/** Starts a sandbox on a random port with small seed sizes unless told otherwise. */
export async function startTestSandbox(options: SandboxOptions = {}): Promise<TestSandbox> {
  const sb = await startSandbox({
    port: 0,
    seedSize: {
      CustomersV3: 40,
      VendorsV2: 20,
      ReleasedProductsV2: 30,
      SalesOrderHeadersV2: 30,
      SalesOrderLines: 90,
      ContactPersons: 10,
      Prospects: 10,
    },
    ...options,
  });
  const res = await fetchToken(sb, sb.clients.registered.clientId, sb.clients.registered.secret);
  const { access_token: token } = (await res.json()) as { access_token: string };
  const call: TestSandbox['call'] = (path, init = {}) =>
    fetch(`${sb.url}${path}`, {
      method: init.method ?? 'GET',
      headers: {
        authorization: `Bearer ${token}`,
        ...(init.body === undefined ? {} : { 'content-type': 'application/json' }),
        ...init.headers,
      },
      body:
        init.body === undefined
          ? undefined
          : typeof init.body === 'string'
            ? init.body
            : JSON.stringify(init.body),
    });
  return {
    sb,
    token,
    call,
    json: async <T>(path: string) => {
      const r = await call(path);
      if (r.status !== 200) throw new Error(`GET ${path} answered ${r.status}: ${await r.text()}`);
      return (await r.json()) as T;
    },
  };
}

/** The innererror message of an F&O error response. */
export async function innerMessage(res: Response): Promise<string> {
  const body = (await res.json()) as {
    error: { code: string; message: string; innererror: { message: string } };
  };
  return body.error.innererror.message;
}
