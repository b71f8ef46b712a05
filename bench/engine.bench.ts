/**
 * The process engine end to end: query -> map -> create of 50,000 records through `runProcess`,
 * against the same reads, the same compiled map and the same writes done directly in a loop
 * (the baseline), in this run; then the peak RSS of a 100,000-record run against a 10,000 one
 * (each in a fresh process).
 *
 * Both sides talk to one `Backend`: here an in-process service that does what the connector does
 * per record without the network (each page arrives as JSON text and is parsed, each create is
 * serialised as a `$batch` part would be), so the ratio is the engine's overhead over that minimum
 * (against HTTP it can only be smaller). To measure against the D365 sandbox, give
 * `Backend` an implementation over `@flowline/d365-connector` (queryPages / batch creates): the engine
 * side then goes through `backendPorts`, the baseline through the same backend, unchanged.
 */

import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import type { MapDefinition, ProcessDefinition } from '@flowline/contracts';
import {
  type EnginePorts,
  type OperationRecord,
  runProcess,
  type StoragePort,
  type WriteItem,
  type WriteOutcome,
} from '@flowline/engine';
import { compileMap } from '@flowline/mapping';

const RECORDS = 50_000;
const CHUNK = 500;
const gc = (globalThis as { gc?: () => void }).gc ?? (() => {});

/** What both sides read from and write to. */
interface Backend {
  query(count: number): AsyncIterable<OperationRecord[]>;
  create(items: { documentId: string; data: Record<string, unknown> }[]): Promise<WriteOutcome[]>;
}

function memoryBackend(): Backend & { created: number; bytes: number } {
  const backend = {
    created: 0,
    bytes: 0,
    async *query(count: number): AsyncGenerator<OperationRecord[]> {
      for (let start = 0; start < count; start += 1000) {
        const page: OperationRecord[] = [];
        for (let i = start; i < Math.min(count, start + 1000); i++) {
          const account = `US-${String(i).padStart(6, '0')}`;
          page.push({
            data: {
              dataAreaId: 'usmf',
              CustomerAccount: account,
              OrganizationName: `Customer ${i} Ltd`,
              CustomerGroupId: String((i % 4) * 10 + 10),
              SalesCurrencyCode: 'USD',
              AddressCity: i % 2 ? 'Seattle' : 'Redmond',
              CreditLimit: (i % 100) * 1000,
            },
            key: { dataAreaId: 'usmf', CustomerAccount: account },
            etag: `W/"${i}"`,
            dataAreaId: 'usmf',
          });
        }
        // What arrives over HTTP is text: the connector parses every page.
        yield (JSON.parse(JSON.stringify({ value: page })) as { value: OperationRecord[] }).value;
      }
    },
    async create(items: { documentId: string; data: Record<string, unknown> }[]): Promise<WriteOutcome[]> {
      let bytes = 0;
      for (const item of items) bytes += JSON.stringify(item.data).length;
      backend.bytes += bytes;
      backend.created += items.length;
      return items.map((i) => ({ documentId: i.documentId, ok: true, etag: 'W/"1"' }));
    },
  };
  return backend;
}

const map: MapDefinition = {
  schemaVersion: 1,
  name: 'USMF to USRT',
  source: {},
  target: {},
  rules: [
    { id: 'r1', kind: 'field', target: 'dataAreaId', value: { type: 'constant', value: 'usrt' } },
    {
      id: 'r2',
      kind: 'field',
      target: 'CustomerAccount',
      value: { type: 'source', path: 'CustomerAccount' },
    },
    {
      id: 'r3',
      kind: 'field',
      target: 'OrganizationName',
      steps: [{ id: 'u', fn: 'upper', args: [{ type: 'source', path: 'OrganizationName' }] }],
      value: { type: 'step', step: 'u' },
    },
    {
      id: 'r4',
      kind: 'field',
      target: 'CustomerGroupId',
      value: { type: 'source', path: 'CustomerGroupId' },
    },
    {
      id: 'r5',
      kind: 'field',
      target: 'SalesCurrencyCode',
      value: { type: 'source', path: 'SalesCurrencyCode' },
    },
    { id: 'r6', kind: 'field', target: 'AddressCity', value: { type: 'source', path: 'AddressCity' } },
    { id: 'r7', kind: 'field', target: 'CreditLimit', value: { type: 'source', path: 'CreditLimit' } },
  ],
};

const at = { x: 0, y: 0 };
const process_: ProcessDefinition = {
  schemaVersion: 1,
  name: 'Copy customers',
  shapes: [
    {
      id: 's',
      kind: 'start',
      position: at,
      config: { mode: 'operation', connectionId: 'c', operationId: 'query' },
    },
    { id: 'm', kind: 'map', position: at, onError: 'failRun', config: { mapId: 'copy' } },
    {
      id: 'w',
      kind: 'connector',
      position: at,
      onError: 'failRun',
      config: { connectionId: 'c', operationId: 'create' },
    },
  ],
  edges: [
    { id: 'e1', from: 's', handle: 'out', to: 'm' },
    { id: 'e2', from: 'm', handle: 'out', to: 'w' },
  ],
};

/** Storage as PostgreSQL would see it: every call made, nothing held (rows live on disk there). */
function countingStorage(): StoragePort & { calls: number } {
  const s = {
    calls: 0,
    loadWriteStates: async () => {
      s.calls++;
      return new Map();
    },
    recordWriteIntents: async () => void s.calls++,
    recordWriteOutcomes: async () => void s.calls++,
    keepDocuments: async () => void s.calls++,
    appendLogs: async () => void s.calls++,
    saveProgress: async () => void s.calls++,
  };
  return s;
}

function backendPorts(backend: Backend, count: number): EnginePorts {
  return {
    operations: {
      read: () => backend.query(count),
      write: async (_ref, items: WriteItem[]) => backend.create(items),
    },
    resolver: {
      operation: async (ref) => ({
        kind: ref.operationId === 'query' ? 'query' : 'create',
        entitySet: 'CustomersV3',
      }),
      map: async () => map,
    },
    storage: countingStorage(),
  };
}

/** The same reads, map and writes in a plain loop: what a hand-written job would do. */
async function direct(backend: Backend, count: number): Promise<void> {
  const run = compileMap(map);
  let n = 0;
  for await (const page of backend.query(count)) {
    for (let i = 0; i < page.length; i += CHUNK) {
      const items = page
        .slice(i, i + CHUNK)
        .map((r) => ({ documentId: String(n++), data: run(r.data).output }));
      await backend.create(items);
    }
  }
}

async function viaEngine(backend: Backend, count: number): Promise<void> {
  const result = await runProcess(process_, backendPorts(backend, count), {
    executionId: 'bench',
    mode: 'full',
    chunkSize: CHUNK,
  });
  if (result.status !== 'succeeded') throw new Error(`engine run ${result.status}: ${result.error}`);
}

/** Wall time and CPU time (this process, all threads) of a run, in ms. */
async function timed(fn: () => Promise<void>): Promise<{ wall: number; cpu: number }> {
  gc();
  const cpu = process.cpuUsage();
  const t = performance.now();
  await fn();
  const used = process.cpuUsage(cpu);
  return { wall: performance.now() - t, cpu: (used.user + used.system) / 1000 };
}

/**
 * Peak resident memory of a run of `count` records (the engine, or the plain loop for reference) in
 * a fresh Node process of its own; the lower of two runs, since when the collector runs moves the
 * peak by tens of MB.
 */
function peakRss(count: number, side: 'engine' | 'direct' = 'engine'): number {
  return Math.min(peakRssOnce(count, side), peakRssOnce(count, side));
}

function peakRssOnce(count: number, side: 'engine' | 'direct'): number {
  const args = [...process.execArgv, fileURLToPath(import.meta.url), 'peak', String(count), side];
  const run = spawnSync(process.execPath, args, { encoding: 'utf8' });
  if (run.status !== 0) throw new Error(`peak run of ${count} (${side}) failed: ${run.stderr}`);
  return Number(run.stdout.trim()) * 1024;
}

if (process.argv[2] === 'peak') {
  // Child: one run, then its peak RSS (KiB) on stdout.
  const count = Number(process.argv[3]);
  await (process.argv[4] === 'direct' ? direct(memoryBackend(), count) : viaEngine(memoryBackend(), count));
  console.log(process.resourceUsage().maxRSS);
  process.exit(0);
}

// Warm up both paths (JIT), then alternate runs and keep each side's best.
const check = memoryBackend();
await direct(check, 5_000);
await viaEngine(check, 5_000);
if (check.created !== 10_000) throw new Error(`expected 10000 creates, got ${check.created}`);
// CPU time is the steadier figure on a shared machine (other processes steal wall time from both sides).
const best = { direct: { wall: Infinity, cpu: Infinity }, engine: { wall: Infinity, cpu: Infinity } };
const keep = (side: 'direct' | 'engine', t: { wall: number; cpu: number }) => {
  best[side].wall = Math.min(best[side].wall, t.wall);
  best[side].cpu = Math.min(best[side].cpu, t.cpu);
};
for (let round = 0; round < 7; round++) {
  keep('direct', await timed(() => direct(memoryBackend(), RECORDS)));
  keep('engine', await timed(() => viaEngine(memoryBackend(), RECORDS)));
}
const small = peakRss(10_000);
const large = peakRss(100_000);
const directGrowth = peakRss(100_000, 'direct') - peakRss(10_000, 'direct');
const mb = (bytes: number) => (bytes / 1024 / 1024).toFixed(1);

console.log(`records: ${RECORDS}`);
console.log(`direct ms: ${best.direct.wall.toFixed(0)} (cpu ${best.direct.cpu.toFixed(0)})`);
console.log(`engine ms: ${best.engine.wall.toFixed(0)} (cpu ${best.engine.cpu.toFixed(0)})`);
console.log(`engine records/s: ${Math.round(RECORDS / (best.engine.wall / 1000))}`);
console.log(`peak RSS 10k MB: ${mb(small)}`);
console.log(`peak RSS 100k MB: ${mb(large)}`);
console.log(`peak RSS difference MB, direct loop (reference): ${mb(directGrowth)}`);
console.log(`peak RSS difference MB (target <= 50): ${mb(large - small)}`);
console.log(`engine/direct wall-time ratio: ${(best.engine.wall / best.direct.wall).toFixed(2)}`);
console.log(
  `engine/direct cpu-time ratio (target <= 1.3): ${(best.engine.cpu / best.direct.cpu).toFixed(2)}`,
);
