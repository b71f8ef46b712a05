import type { IncomingMessage, ServerResponse } from 'node:http';
import { setTimeout as sleep } from 'node:timers/promises';
import { handleAdmin, type SandboxAdmin } from '../admin/admin.js';
import type { ClientRegistry } from '../auth/clients.js';
import type { SigningKey } from '../auth/jwt.js';
import { TENANT, type TokenService } from '../auth/token-service.js';
import { ODataError } from '../odata/errors.js';
import type { SandboxState } from '../state.js';
import { handleBatch } from './batch.js';
import { routeMetadataService } from './labels.js';
import { errorResponse, routeOData } from './odata-router.js';
import type { CallerContext, SimpleRequest, SimpleResponse } from './types.js';

/** What the request handler needs from a running sandbox. */
export interface ServerDeps {
  state: SandboxState;
  admin: SandboxAdmin;
  clients: ClientRegistry;
  key: SigningKey;
  tokens: TokenService;
  /** Environment URLs (http and, when on, https), without trailing slash. */
  bases: () => { http: string; https?: string };
}

function readBody(req: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => resolve(chunks.length === 1 ? chunks[0]! : Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

function unauthorized(origin: string, description: string): SimpleResponse {
  return {
    status: 401,
    headers: {
      'www-authenticate': `Bearer authorization_uri="${origin}/${TENANT}/oauth2/authorize", error="invalid_token", error_description="${description.replace(/"/g, "'")}"`,
      'content-length': '0',
    },
  };
}

/** Authenticates a bearer token for the OData endpoints: 401 when invalid, 403 when F&O lacks the app. */
function authenticate(
  deps: ServerDeps,
  req: SimpleRequest,
  base: string,
  origin: string,
): CallerContext | SimpleResponse {
  const m = /^Bearer\s+(.+)$/i.exec(req.headers.authorization ?? '');
  if (!m) return unauthorized(origin, 'A bearer token is required.');
  const result = deps.key.verify(m[1]!.trim());
  if ('error' in result) return unauthorized(origin, result.error);
  const { http, https } = deps.bases();
  const aud = result.claims.aud;
  // The audience must be the environment URL exactly: a trailing slash makes F&O refuse the token.
  if (aud !== http && aud !== https)
    return unauthorized(origin, `The audience '${String(aud)}' is not this environment.`);
  const client = deps.clients.get(String(result.claims.appid));
  if (!client?.fnoRegistered) {
    return errorResponse(
      new ODataError(
        403,
        `The application '${String(result.claims.appid)}' is not registered in System administration > Setup > Azure Active Directory applications.`,
        'System.UnauthorizedAccessException',
      ),
    );
  }
  return { clientId: client.clientId, defaultCompany: client.defaultCompany, base };
}

async function handleData(
  deps: ServerDeps,
  req: SimpleRequest,
  base: string,
  origin: string,
): Promise<SimpleResponse | 'drop'> {
  const { state } = deps;
  state.counters.odataRequests++;
  const ctx = authenticate(deps, req, base, origin);
  if ('status' in ctx) return ctx;
  const startedAt = Date.now();
  const limited = state.faults.admit(ctx.clientId, startedAt);
  if (limited) {
    state.counters.faults.limit429++;
    return errorResponse(
      new ODataError(429, limited, 'System.Exception', { 'retry-after': String(state.faults.retryAfter) }),
    );
  }
  try {
    const spike = state.faults.spikeDelayMs();
    if (spike > 0) state.counters.faults.latencySpikes++;
    const delay = state.faults.latencyMs() + spike;
    if (delay > 0) await sleep(delay);
    const fault = state.faults.decide();
    if (fault === '429') {
      state.counters.faults.throttled429++;
      return errorResponse(
        new ODataError(429, 'Too many requests.', 'System.Exception', {
          'retry-after': String(state.faults.retryAfter),
        }),
      );
    }
    if (fault === '503') {
      state.counters.faults.unavailable503++;
      return errorResponse(
        new ODataError(
          503,
          'This request could not be processed at this time due to system experiencing high resource utilization.',
          'System.Exception',
        ),
      );
    }
    if (fault === 'drop-unserved') {
      state.counters.faults.droppedUnserved++;
      return 'drop';
    }
    const path = req.url.split('?')[0]!;
    const res = path.startsWith('/Metadata/')
      ? routeMetadataService(state.model, path, ctx)
      : path === '/data/$batch' && req.method === 'POST'
        ? handleBatch(state, req, ctx)
        : routeOData(state, req, ctx);
    if (fault === 'drop') {
      state.counters.faults.dropped++;
      return 'drop';
    }
    return res;
  } finally {
    state.faults.release(ctx.clientId, startedAt);
  }
}

/** The node:http(s) request listener of a sandbox; `secure` tells which base URL the caller used. */
export function createListener(deps: ServerDeps, secure: boolean) {
  return (nreq: IncomingMessage, nres: ServerResponse): void => {
    serve(deps, secure, nreq, nres).catch((err: Error) => {
      // A bug must cost one request, never the process.
      if (!nres.headersSent) nres.writeHead(500, { 'content-type': 'text/plain' });
      nres.end(`Sandbox error: ${err.message}`);
    });
  };
}

async function serve(
  deps: ServerDeps,
  secure: boolean,
  nreq: IncomingMessage,
  nres: ServerResponse,
): Promise<void> {
  const { state } = deps;
  // A request received before a reset is answered into the counters it was counted in, not the new
  // ones: after a reset, requests minus answers is what is in flight since.
  const counters = state.counters;
  counters.requests++;
  const bases = deps.bases();
  const base = (secure ? bases.https : bases.http) ?? bases.http;
  const req: SimpleRequest = {
    method: nreq.method ?? 'GET',
    url: nreq.url ?? '/',
    headers: nreq.headers as Record<string, string | undefined>,
    body: await readBody(nreq),
  };
  let res: SimpleResponse | 'drop' | undefined;
  if (req.url.startsWith('/_sandbox/')) res = handleAdmin(deps.admin, deps.clients, req);
  else if (req.url.startsWith(`/${TENANT}/`)) {
    res = deps.tokens.handle(req, base);
    if (res?.status === 200 && req.method === 'POST') state.counters.tokens++;
  } else if (
    req.url === '/data' ||
    req.url.startsWith('/data/') ||
    req.url.startsWith('/data?') ||
    req.url.startsWith('/Metadata/')
  ) {
    res = await handleData(deps, req, base, base);
  }
  res ??= {
    status: 404,
    headers: { 'content-type': 'text/plain' },
    body: `Not found: ${req.method} ${req.url}`,
  };
  if (res === 'drop') {
    // Headers and part of a body, then the connection dies: what a client sees when a node recycles.
    nres.writeHead(200, { 'content-type': 'application/json', 'content-length': '1000000' });
    nres.write('{"@odata.context":"', () => nres.destroy());
    state.countStatus(0, counters);
    return;
  }
  if (!req.url.startsWith('/_sandbox/')) state.countStatus(res.status, counters);
  const body = res.body === undefined ? [] : Array.isArray(res.body) ? res.body : [Buffer.from(res.body)];
  let length = 0;
  for (const b of body) length += b.length;
  nres.writeHead(res.status, {
    ...res.headers,
    ...(res.body === undefined ? {} : { 'content-length': String(length) }),
  });
  // Corked so thousands of cached record buffers leave in few writes.
  nres.cork();
  for (const b of body) nres.write(b);
  nres.uncork();
  nres.end();
}
