/**
 * Executions end to end on the server side: query -> map -> create of EXEC_BENCH_RECORDS (default
 * the 50,000) usmf customers into usrt against the D365 sandbox (HTTPS, in this process),
 * queued with pg-boss and run by a worker with PostgreSQL storage (embedded PostgreSQL, or
 * FLOWLINE_TEST_DATABASE_URL), against the connector alone doing the same reads, map and `$batch`
 * writes in a loop, in the same run (same client, same sandbox). Then the peak RSS (VmHWM) of a
 * standalone worker process (`src/worker.ts`, product defaults, no heap cap) running the larger record
 * count of EXEC_BENCH_MEMORY (default the "10000,100000"; "0" skips it) against the smaller.
 * The sandbox seeds only usmf with the largest count (`seedCompanies`). EXEC_BENCH_WORKER_NODE_OPTIONS
 * and EXEC_BENCH_WORKER_ARGS (flags NODE_OPTIONS refuses, e.g. --trace-gc, with
 * EXEC_BENCH_WORKER_LOG=<file> for its stdout) are for investigating what the worker holds.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { openSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import type { MapDefinition, OperationBody, ProcessDefinition } from '@flowline/contracts';
import { type Sandbox, startSandbox } from '@flowline/d365-sandbox';
import { compileMap } from '@flowline/mapping';
import { ComponentsService } from '../apps/server/src/components/components.service.js';
import { SecretBox } from '../apps/server/src/components/secrets.js';
import { ConnectionsService } from '../apps/server/src/connections/connections.service.js';
import { MetadataStore } from '../apps/server/src/connections/metadata-store.js';
import { applyMigrations } from '../apps/server/src/db/migrations.js';
import { createDb, type Db } from '../apps/server/src/db/prisma.js';
import { scratchDatabases } from '../apps/server/src/db/scratch-database.js';
import { readOptions } from '../apps/server/src/executions/connector-operations.js';
import { ExecutionsHost } from '../apps/server/src/executions/executions-host.js';

const RECORDS = Number(process.env.EXEC_BENCH_RECORDS ?? 50_000);
const MEMORY = (process.env.EXEC_BENCH_MEMORY ?? '10000,100000')
  .split(',')
  .map(Number)
  .filter((n) => n > 0);
const ROUNDS = Number(process.env.EXEC_BENCH_ROUNDS ?? 2);
const KEY = Buffer.alloc(32, 3);
const serverDir = fileURLToPath(new URL('../apps/server/', import.meta.url));
const tsx = createRequire(import.meta.url).resolve('tsx/esm');

interface Setup {
  processId: string;
  queryId: string;
  connectionId: string;
  map: MapDefinition;
}

async function setUp(
  components: ComponentsService,
  connections: ConnectionsService,
  sandbox: Sandbox,
  top?: number,
) {
  const connection = await components.create({
    type: 'connection',
    name: `Sandbox ${top ?? ''}`,
    body: {
      schemaVersion: 1,
      serviceUrl: sandbox.url,
      auth: {
        kind: 'clientSecret',
        tenant: 'sandbox',
        clientId: sandbox.clients.registered.clientId,
        clientSecret: sandbox.clients.registered.secret,
        authorityHost: new URL(sandbox.authority).host,
      },
      defaultLegalEntity: 'usmf',
    },
  } as never);
  const connectionId = connection.id;
  const { profile } = await connections.profile(connectionId, 'CustomersV3');
  const fields = [
    'dataAreaId',
    'CustomerAccount',
    'OrganizationName',
    'CustomerGroupId',
    'SalesCurrencyCode',
  ];
  const op = async (name: string, body: OperationBody) =>
    (await components.create({ type: 'operation', name, body } as never)).id;
  const queryId = await op('query', {
    schemaVersion: 1,
    connectionId,
    action: 'query',
    entitySet: 'CustomersV3',
    select: fields,
    legalEntity: 'usmf',
    ...(top ? { top } : {}),
    responseProfile: profile,
  });
  const createId = await op('create', {
    schemaVersion: 1,
    connectionId,
    action: 'create',
    entitySet: 'CustomersV3',
    batch: { enabled: true, size: 100 },
    requestProfile: profile,
  });
  const map: MapDefinition = {
    schemaVersion: 1,
    name: 'usmf to usrt',
    source: { profile },
    target: { profile },
    rules: [
      { id: 'r1', kind: 'field', target: 'dataAreaId', value: { type: 'constant', value: 'usrt' } },
      ...fields.slice(1).map((f, i) => ({
        id: `r${i + 2}`,
        kind: 'field' as const,
        target: f,
        value: { type: 'source' as const, path: f },
      })),
    ],
  } as MapDefinition;
  const mapId = (await components.create({ type: 'map', name: 'map', body: map } as never)).id;
  const process: ProcessDefinition = {
    schemaVersion: 1,
    name: 'Copy customers',
    shapes: [
      {
        id: 'start',
        kind: 'start',
        position: { x: 0, y: 0 },
        config: { mode: 'operation', connectionId, operationId: queryId },
      },
      { id: 'map', kind: 'map', position: { x: 1, y: 0 }, onError: 'failRun', config: { mapId } },
      {
        id: 'write',
        kind: 'connector',
        position: { x: 2, y: 0 },
        onError: 'failRun',
        config: { connectionId, operationId: createId },
      },
    ],
    edges: [
      { id: 'e1', from: 'start', handle: 'out', to: 'map' },
      { id: 'e2', from: 'map', handle: 'out', to: 'write' },
    ],
  } as ProcessDefinition;
  const processId = (
    await components.create({ type: 'process', name: 'Copy customers', body: process } as never)
  ).id;
  return { processId, queryId, connectionId, map } satisfies Setup;
}

async function waitEnded(
  db: Db,
  id: string,
): Promise<{ status: string; counts: unknown; error: string | null }> {
  for (;;) {
    const row = await db.execution.findUniqueOrThrow({ where: { id } });
    if (!['queued', 'running'].includes(row.status)) return row;
    await new Promise((r) => setTimeout(r, 50));
  }
}

/** The connector alone: the same pages, the same compiled map, the same `$batch` change sets, one chunk at a time. */
async function baseline(
  components: ComponentsService,
  connections: ConnectionsService,
  s: Setup,
): Promise<number> {
  const op = (await components.get(s.queryId)).body as OperationBody;
  const client = await connections.client(s.connectionId);
  await client.metadata();
  const run = compileMap(s.map);
  let written = 0;
  const flush = async (chunk: Record<string, unknown>[]) => {
    const results = await client.batch(
      chunk.map((data) => ({ op: 'create' as const, entitySet: 'CustomersV3', data })),
      { changesetSize: 100 },
    );
    written += results.filter((r) => r.ok).length;
  };
  let chunk: Record<string, unknown>[] = [];
  for await (const page of client.queryPages('CustomersV3', readOptions(op, {}))) {
    for (const record of page.records) {
      chunk.push(run(record.data).output as Record<string, unknown>);
      if (chunk.length === 500) {
        await flush(chunk);
        chunk = [];
      }
    }
  }
  if (chunk.length > 0) await flush(chunk);
  return written;
}

async function timed<T>(fn: () => Promise<T>): Promise<{ ms: number; value: T }> {
  const t = performance.now();
  const value = await fn();
  return { ms: performance.now() - t, value };
}

/** Peak RSS (kB → MB) of a standalone worker process running one execution of `top` records. */
async function workerPeak(
  db: Db,
  host: ExecutionsHost,
  url: string,
  sandbox: Sandbox,
  s: Setup,
): Promise<number> {
  // EXEC_BENCH_WORKER_ARGS: Node flags NODE_OPTIONS refuses (e.g. --trace-gc), for finding what grows.
  const flags = (process.env.EXEC_BENCH_WORKER_ARGS ?? '').split(' ').filter(Boolean);
  const child: ChildProcess = spawn(process.execPath, [...flags, '--import', tsx, 'src/worker.ts'], {
    cwd: serverDir,
    env: {
      ...process.env,
      DATABASE_URL: url,
      FLOWLINE_SECRET_KEY: KEY.toString('hex'),
      FLOWLINE_CA_FILE: sandbox.caCertPath!,
      FLOWLINE_ALLOWED_HOSTS: '127.0.0.1',
      FLOWLINE_WORKER_CONCURRENCY: '1',
      NODE_OPTIONS: process.env.EXEC_BENCH_WORKER_NODE_OPTIONS ?? '',
    },
    // EXEC_BENCH_WORKER_LOG=<file>: the worker's stdout (with --trace-gc, the heap after every GC).
    stdio: [
      'ignore',
      process.env.EXEC_BENCH_WORKER_LOG ? openSync(process.env.EXEC_BENCH_WORKER_LOG, 'a') : 'ignore',
      'inherit',
    ],
  });
  try {
    const { id } = await host.service.start(s.processId, { mode: 'full' });
    const row = await waitEnded(db, id);
    if (row.status !== 'succeeded') throw new Error(`memory run ${row.status}: ${row.error}`);
    const status = readFileSync(`/proc/${child.pid}/status`, 'utf8');
    return Number(/VmHWM:\s+(\d+)/.exec(status)![1]) / 1024;
  } finally {
    child.kill('SIGKILL');
  }
}

const most = Math.max(RECORDS, ...MEMORY);
const sandbox = await startSandbox({
  port: 0,
  https: true,
  seedSize: { CustomersV3: most },
  seedCompanies: ['usmf'],
});
// Before the database and the clients load: what the sandbox's seed costs (sparse rows).
const sandboxRss = process.memoryUsage().rss / 1048576;
const dbs = await scratchDatabases('flowline_bench_exec');
try {
  await applyMigrations(dbs.url);
  const db = createDb(dbs.url, 10);
  const box = new SecretBox(KEY);
  const components = new ComponentsService(db, box);
  const ca = { ca: [readFileSync(sandbox.caCertPath!, 'utf8')], allowedHosts: ['127.0.0.1'] };
  const connections = new ConnectionsService(db, components, box, new MetadataStore(db), ca);
  const host = new ExecutionsHost(db, components, connections);
  await host.start({ databaseUrl: dbs.url, worker: true });
  const main = await setUp(components, connections, sandbox, RECORDS);
  const best = { baseline: Number.POSITIVE_INFINITY, subject: Number.POSITIVE_INFINITY };
  for (let round = 0; round < ROUNDS; round++) {
    sandbox.admin.reset();
    const b = await timed(() => baseline(components, connections, main));
    if (b.value !== RECORDS) throw new Error(`baseline wrote ${b.value} of ${RECORDS}`);
    best.baseline = Math.min(best.baseline, b.ms);
    sandbox.admin.reset();
    const e = await timed(async () =>
      waitEnded(db, (await host.service.start(main.processId, { mode: 'full' })).id),
    );
    if (e.value.status !== 'succeeded') throw new Error(`execution ${e.value.status}: ${e.value.error}`);
    if (sandbox.admin.count('CustomersV3', 'usrt') < RECORDS)
      throw new Error('the execution did not write every record');
    best.subject = Math.min(best.subject, e.ms);
    console.log(`round ${round + 1}: connector ${Math.round(b.ms)} ms, execution ${Math.round(e.ms)} ms`);
  }
  // The memory runs use a worker in another process: this one stops taking jobs.
  await host.stop();
  await host.start({ databaseUrl: dbs.url, worker: false });
  const peaks: [number, number][] = [];
  for (const n of MEMORY) {
    sandbox.admin.reset();
    peaks.push([
      n,
      await workerPeak(db, host, dbs.url, sandbox, await setUp(components, connections, sandbox, n)),
    ]);
  }
  await host.stop();
  await connections.close();
  await db.$disconnect();
  console.log(`bench process RSS after seeding ${most} usmf customers: ${sandboxRss.toFixed(0)} MB`);
  console.log(`records: ${RECORDS}`);
  console.log(`connector alone (best of ${ROUNDS}): ${Math.round(best.baseline)} ms`);
  console.log(`execution end to end (best of ${ROUNDS}): ${Math.round(best.subject)} ms`);
  console.log(`execution throughput: ${Math.round(RECORDS / (best.subject / 1000))} records/s`);
  for (const [n, mb] of peaks) console.log(`worker peak RSS, ${n} records: ${mb.toFixed(1)} MB`);
  if (peaks.length === 2)
    console.log(
      `peak RSS difference ${peaks[1]![0]} - ${peaks[0]![0]}: ${(peaks[1]![1] - peaks[0]![1]).toFixed(1)} MB`,
    );
  console.log(`ratio execution / connector: ${(best.subject / best.baseline).toFixed(2)}`);
} finally {
  await sandbox.stop();
  await dbs.close();
}
