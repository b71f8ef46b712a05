import type { ClientInput, ClientRegistry } from '../auth/clients.js';
import type { FaultOptions, LimitOptions } from '../faults/faults.js';
import type { SimpleRequest, SimpleResponse } from '../http/types.js';
import type { Counters, SandboxState } from '../state.js';

/** What `/_sandbox/config` accepts and returns. */
export interface RuntimeConfig {
  faults?: FaultOptions;
  limits?: LimitOptions;
  latency?: number | [number, number];
}

/** Answer of `/_sandbox/count/{set}`. */
export interface CountResult {
  set: string;
  company: string | null;
  count: number;
}

/** In-process admin helpers (the same operations as the `/_sandbox/` endpoints). */
export interface SandboxAdmin {
  reset(): void;
  count(set: string, company?: string): number;
  dump(set: string, company?: string): Record<string, unknown>[];
  configure(config: RuntimeConfig): RuntimeConfig;
  config(): RuntimeConfig;
  counters(): Counters;
  resetCounters(): void;
}

/** Builds the admin helpers over a sandbox state. */
export function createAdmin(state: SandboxState): SandboxAdmin {
  const rows = (set: string, company?: string) => {
    const entity = state.entitySet(set);
    if (!entity)
      throw new Error(`Unknown entity set '${set}' (names are case-sensitive, e.g. 'CustomersV3').`);
    const all = state.store.table(entity).rows;
    const c = company?.toLowerCase();
    return c ? all.filter((r) => String(r.values.dataAreaId).toLowerCase() === c) : all;
  };
  const config = (): RuntimeConfig => ({
    faults: state.faults.config,
    limits: state.faults.limits,
    latency: state.faults.latency,
  });
  return {
    reset: () => state.reset(),
    count: (set, company) => rows(set, company).length,
    dump: (set, company) => rows(set, company).map((r) => r.values),
    configure: (c) => {
      state.faults.update(c);
      return config();
    },
    config,
    counters: () => state.counters,
    resetCounters: () => state.resetCounters(),
  };
}

const json = (status: number, body: unknown): SimpleResponse => ({
  status,
  headers: { 'content-type': 'application/json; charset=utf-8' },
  body: JSON.stringify(body),
});

/** Routes `/_sandbox/...` requests (no auth: local tooling only). */
export function handleAdmin(
  admin: SandboxAdmin,
  clients: ClientRegistry,
  req: SimpleRequest,
): SimpleResponse {
  const url = new URL(req.url, 'http://sandbox');
  const path = url.pathname.replace(/^\/_sandbox/, '');
  const company = url.searchParams.get('company') || undefined;
  try {
    const body = req.body.length > 0 ? (JSON.parse(req.body.toString('utf8')) as unknown) : {};
    if (path === '/reset' && req.method === 'POST') {
      admin.reset();
      return json(200, { reset: true });
    }
    const count = /^\/count\/(\w+)$/.exec(path);
    if (count && req.method === 'GET') {
      return json(200, {
        set: count[1]!,
        company: company ?? null,
        count: admin.count(count[1]!, company),
      } satisfies CountResult);
    }
    const dump = /^\/dump\/(\w+)$/.exec(path);
    if (dump && req.method === 'GET')
      return json(200, { set: dump[1], company: company ?? null, value: admin.dump(dump[1]!, company) });
    if (path === '/config') {
      if (req.method === 'GET') return json(200, admin.config());
      if (req.method === 'PUT' || req.method === 'POST' || req.method === 'PATCH')
        return json(200, admin.configure(body as RuntimeConfig));
    }
    if (path === '/counters') {
      if (req.method === 'GET') return json(200, admin.counters());
      if (req.method === 'DELETE' || req.method === 'POST') {
        admin.resetCounters();
        return json(200, admin.counters());
      }
    }
    if (path === '/clients' && req.method === 'POST') {
      const reg = clients.register(body as ClientInput);
      return json(200, {
        clientId: reg.clientId,
        fnoRegistered: reg.fnoRegistered,
        defaultCompany: reg.defaultCompany,
        certificates: reg.certificates.length,
      });
    }
    return json(404, { error: `Unknown admin endpoint ${req.method} /_sandbox${path}` });
  } catch (err) {
    return json(400, { error: (err as Error).message });
  }
}
