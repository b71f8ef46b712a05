import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type Sandbox, startSandbox } from '@flowline/d365-sandbox';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freePort } from '../db/embedded-postgres.js';
import { createDb } from '../db/prisma.js';
import { type Api, HttpApi, idOf } from './support/api.js';
import { copyCustomersProcess, sandboxConnection } from './support/components.js';
import { finishedExecution, resumeAfterCrash } from './support/crash-resume.js';
import {
  ADMIN,
  embeddedDatabaseUrl,
  killTree,
  requireBuild,
  type Started,
  startProcess,
  startServer,
  until,
  WORKER_MAIN,
} from './support/flowline-server.js';
import { countStates, writeOutcomes } from './support/outcomes.js';
import { figure, reliabilityRecords } from './support/sizes.js';

// Issue 9, section 3: kill -9 of a worker, and of the whole server with its embedded PostgreSQL, in
// the middle of writes; the built server (`npm start`) restarts on the same data, and resumes.
const M = reliabilityRecords(10_000);
/** Where in the copy (share of records written) the server is killed, one kill after the other. */
const SERVER_KILLS = [0.15, 0.45, 0.8];
/** Fast crash detection for the test: beats every 300 ms, stale after 1.5 s. */
const TUNING = { FLOWLINE_HEARTBEAT_MS: '300', FLOWLINE_STALE_AFTER_MS: '1500' };

let sandbox: Sandbox;
let dataDir: string;
let port: number;
let server: (Started & { url: string }) | undefined;
let worker: Started | undefined;
let api: Api;
let copyId: string;

beforeAll(async () => {
  requireBuild();
  sandbox = await startSandbox({
    port: 0,
    https: true,
    seedSize: { CustomersV3: M },
    seedCompanies: ['usmf'],
    // Every request takes a while: a kill lands with writes in flight, not between them.
    latency: 120,
  });
  dataDir = mkdtempSync(join(tmpdir(), 'flowline-crash-'));
  port = await freePort();
  server = await startServer({
    dataDir,
    port,
    caFile: sandbox.caCertPath!,
    env: { ...TUNING, FLOWLINE_WORKER: 'off' },
  });
  api = await HttpApi.signIn(server.url, ADMIN.email, ADMIN.password);
  copyId = await copyCustomersProcess(api, await sandboxConnection(api, sandbox));
});

afterAll(async () => {
  if (worker?.child.pid) await killTree(worker.child.pid).catch(() => {});
  if (server) {
    server.child.kill('SIGINT');
    await Promise.race([server.exited, new Promise((r) => setTimeout(r, 20_000))]);
    if (server.child.pid) await killTree(server.child.pid).catch(() => {});
  }
  await sandbox?.stop();
  if (dataDir) rmSync(dataDir, { recursive: true, force: true });
});

const usrt = () => sandbox.admin.dump('CustomersV3', 'usrt').map((c) => String(c.CustomerAccount));

/** OData requests the sandbox received and has not answered yet. */
function inFlight(): number {
  const c = sandbox.admin.counters();
  let answered = 0;
  for (const n of Object.values(c.byStatus)) answered += n;
  return c.requests - answered;
}

/**
 * Waits until `share` of the copy is in usrt and a request is in flight; answers usrt's gain then.
 * Fails at once, with what the processes said, when the execution ends or stops moving.
 */
async function midWrite(id: string, before: number, share: number, logs: () => string): Promise<number> {
  let polls = 0;
  await until(
    async () => {
      if (sandbox.admin.count('CustomersV3', 'usrt') - before >= share * M && inFlight() > 0) return true;
      if (++polls % 200 === 0) {
        const e = (await api.get(`/api/executions/${id}`)).json() as { status: string };
        if (!['queued', 'running', 'interrupted'].includes(e.status))
          throw new Error(
            `The execution ended before ${share * 100} % was written: ${JSON.stringify(e)}\n${logs()}`,
          );
      }
      return false;
    },
    `${share * 100} % of the copy`,
    120_000,
    5,
  ).catch(async (e: Error) => {
    const detail = (await api.get(`/api/executions/${id}`)).body;
    throw new Error(`${e.message}\nexecution: ${detail}\n${logs()}`);
  });
  return usrt().length - before;
}

function startWorker(): Started {
  return startProcess([WORKER_MAIN], {
    DATABASE_URL: embeddedDatabaseUrl(dataDir),
    FLOWLINE_DATA_DIR: dataDir,
    FLOWLINE_CA_FILE: sandbox.caCertPath!,
    FLOWLINE_ALLOWED_HOSTS: '127.0.0.1',
    FLOWLINE_WORKER_CONCURRENCY: '1',
    ...TUNING,
  });
}

/** What the execution record and the sandbox say after the run: the same records, each once. */
async function expectExactlyOnce(id: string, before: Set<string>) {
  const source = sandbox.admin.dump('CustomersV3', 'usmf').map((c) => String(c.CustomerAccount));
  const after = usrt();
  const gained = after.filter((a) => !before.has(a));
  expect(new Set(after).size, 'usrt accounts are unique').toBe(after.length);
  expect(gained.sort()).toEqual([...source].sort());
  const db = createDb(embeddedDatabaseUrl(dataDir), 2);
  try {
    const outcomes = [...(await writeOutcomes(db, id)).values()];
    expect(countStates(outcomes)).toEqual({ pending: 0, written: M, failed: 0, uncertain: 0 });
    expect(outcomes.map((o) => o.account).sort()).toEqual(gained);
  } finally {
    await db.$disconnect();
  }
  for (const status of ['running', 'queued', 'interrupted']) {
    const list = await api.get(`/api/executions?status=${status}`);
    expect((list.json() as { total: number }).total, `executions left ${status}`).toBe(0);
  }
}

describe('crashes in the middle of writes', () => {
  it('a standalone worker killed with kill -9: another worker resumes, every record written once', async () => {
    sandbox.admin.reset();
    const before = new Set(usrt());
    const started = Date.now();
    worker = startWorker();
    const id = idOf(await api.post(`/api/processes/${copyId}/executions`, { mode: 'full' }));
    const atKill = await midWrite(id, before.size, 0.3, () => worker!.output());
    await killTree(worker.child.pid!);
    // A $batch in flight at the kill still lands in F&O: the worker never saw its answer.
    await new Promise((r) => setTimeout(r, 300));
    const lateWrites = usrt().length - before.size - atKill;

    worker = startWorker();
    const resumed = await resumeAfterCrash(api, id, 1);
    const done = await finishedExecution(api, id);
    expect(done.status, JSON.stringify(done)).toBe('succeeded');
    await expectExactlyOnce(id, before);
    expect(sandbox.admin.counters().writes.created).toBe(M);
    await killTree(worker.child.pid!);
    worker = undefined;

    figure('crash worker: records', M);
    figure('crash worker: written at the kill', `${atKill} (+${lateWrites} landed after it)`);
    figure('crash worker: resumed', resumed);
    figure('crash worker: duration', `${((Date.now() - started) / 1000).toFixed(1)} s`);
  });

  it('the whole server with its PostgreSQL killed with kill -9 three times: restarted on its data, nothing lost or doubled', async () => {
    // The server runs its own worker from now on.
    server!.child.kill('SIGINT');
    await server!.exited;
    server = await startServer({ dataDir, port, caFile: sandbox.caCertPath!, env: TUNING });
    api = await HttpApi.signIn(server.url, ADMIN.email, ADMIN.password);
    sandbox.admin.reset();
    const before = new Set(usrt());
    const started = Date.now();
    const id = idOf(await api.post(`/api/processes/${copyId}/executions`, { mode: 'full' }));
    const kills: string[] = [];
    const resumes: string[] = [];
    for (const [n, share] of SERVER_KILLS.entries()) {
      const atKill = await midWrite(id, before.size, share, () => server!.output());
      const pids = await killTree(server.child.pid!);
      await new Promise((r) => setTimeout(r, 300));
      const late = usrt().length - before.size - atKill;
      kills.push(`${atKill} written (+${late} landed after the kill, ${pids.length} processes killed)`);
      server = await startServer({ dataDir, port, caFile: sandbox.caCertPath!, env: TUNING });
      api = await HttpApi.signIn(server.url, ADMIN.email, ADMIN.password);
      resumes.push(await resumeAfterCrash(api, id, n + 1));
    }
    const done = await finishedExecution(api, id);
    expect(done.status, JSON.stringify(done)).toBe('succeeded');
    expect(done.attempts).toBe(SERVER_KILLS.length);
    await expectExactlyOnce(id, before);
    expect(sandbox.admin.counters().writes.created).toBe(M);

    figure('crash server: records', M);
    for (const [i, k] of kills.entries()) figure(`crash server: kill ${i + 1}`, k);
    figure('crash server: resumed', resumes.join(', '));
    figure(
      'crash server: duration (3 kills and restarts)',
      `${((Date.now() - started) / 1000).toFixed(1)} s`,
    );
  });
});
