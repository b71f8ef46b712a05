import { type ChildProcess, spawn } from 'node:child_process';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { copyCustomersProcess, executionsTestBed, SECRET_KEY, waitFor } from './test-fixtures.js';

/** The size: every usmf customer, copied to usrt. */
const N = 10_000;
/** The re-run of failed documents runs the first ones only (it proves the path, not the size). */
const RERUN = 2000;
/** The faults, on while the worker is killed and while the execution resumes. */
const FAULTS = { rate429: 0.1, rate503: 0.05, dropRate: 0.01, retryAfter: 0 };
const ENDED = ['succeeded', 'failed', 'cancelled'];
const serverDir = fileURLToPath(new URL('../../', import.meta.url));
const tsx = createRequire(new URL('../../../../package.json', import.meta.url)).resolve('tsx/esm');
let bed: Awaited<ReturnType<typeof executionsTestBed>>;
let ids: Awaited<ReturnType<typeof copyCustomersProcess>>;
let firstIds: Awaited<ReturnType<typeof copyCustomersProcess>>;
const children: ChildProcess[] = [];

beforeAll(async () => {
  bed = await executionsTestBed(N, { seedCompanies: ['usmf'] });
  // The queue only: the first run is taken by a standalone worker process.
  await bed.app.executions.start({ databaseUrl: bed.url, worker: false });
  ids = await copyCustomersProcess(bed.sandbox, bed.designer);
  firstIds = await copyCustomersProcess(bed.sandbox, bed.designer, { top: RERUN });
});
afterAll(async () => {
  for (const child of children) child.kill('SIGKILL');
  await bed?.close();
});

const usrt = () => bed.sandbox.admin.count('CustomersV3', 'usrt');

/** `pnpm worker` as a child process (node + tsx directly, so SIGKILL reaches the worker itself). */
function startWorker(env: Record<string, string> = {}): ChildProcess {
  const worker = spawn(process.execPath, ['--import', tsx, 'src/worker.ts'], {
    cwd: serverDir,
    env: {
      ...process.env,
      DATABASE_URL: bed.url,
      FLOWLINE_SECRET_KEY: SECRET_KEY.toString('hex'),
      FLOWLINE_CA_FILE: bed.sandbox.caCertPath!,
      FLOWLINE_ALLOWED_HOSTS: '127.0.0.1',
      FLOWLINE_HEARTBEAT_MS: '300',
      FLOWLINE_WORKER_CONCURRENCY: '1',
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  worker.stderr?.on('data', (d: Buffer) => process.stderr.write(`[worker] ${d}`));
  children.push(worker);
  return worker;
}

/** Starts an execution of every usmf customer and SIGKILLs `worker` once its first writes are sent. */
async function runAndKill(worker: () => ChildProcess): Promise<{ id: string; before: number }> {
  bed.sandbox.admin.reset();
  bed.sandbox.admin.configure({ latency: 300, faults: FAULTS });
  const before = usrt();
  const res = await bed.operator.post(`/api/processes/${ids.processId}/executions`, { mode: 'full' });
  expect(res.statusCode, res.body).toBe(202);
  const id = res.json().id as string;
  const child = worker();
  const exited = new Promise((resolve) => child.once('exit', resolve));
  await waitFor(bed.operator, id, (e) => (e.shapes.write?.in ?? 0) > 0, 90_000);
  child.kill('SIGKILL');
  await exited;
  const atKill = usrt() - before;
  expect(atKill).toBeGreaterThan(0);
  expect(atKill).toBeLessThan(N);
  bed.sandbox.admin.configure({ latency: 0 });
  return { id, before };
}

/** Every usmf customer is in usrt once, and the execution wrote the rest without failures. */
async function expectExactlyOnce(id: string, before: number) {
  // Not `interrupted`: with automatic resume an execution passes through it on its way back to the queue.
  const done = await waitFor(bed.operator, id, (e) => ENDED.includes(e.status), 120_000);
  bed.sandbox.admin.configure({ faults: { rate429: 0, rate503: 0, dropRate: 0 } });
  expect(done.status, JSON.stringify(done)).toBe('succeeded');
  expect(done.attempts).toBe(1);
  expect(done.shapes.write.skipped).toBeGreaterThan(0);
  // Failed documents say why (a retry budget used up, say), which a count alone does not.
  const failures =
    done.shapes.write.failed > 0
      ? (await bed.viewer.get(`/api/executions/${id}/documents?shapeId=write&direction=failed`)).body
      : '';
  expect(done.shapes.write.failed, failures).toBe(0);
  expect(usrt() - before).toBe(N);
  const accounts = bed.sandbox.admin.dump('CustomersV3', 'usrt').map((c) => c.CustomerAccount);
  expect(new Set(accounts).size).toBe(accounts.length);
  return done;
}

describe('a worker killed mid-run', () => {
  it('is noticed by its missed heartbeats, and the resumed execution writes every record exactly once', async () => {
    const began = performance.now();
    const { id, before } = await runAndKill(() => startWorker());

    // A worker in the server notices the stale heartbeat and marks the execution interrupted
    // (automatic resume off: this is the manual path).
    await bed.app.executions.stop();
    await bed.app.executions.start({
      databaseUrl: bed.url,
      worker: true,
      runner: { heartbeatMs: 300, staleAfterMs: 1500, autoResume: false },
    });
    const interrupted = await waitFor(bed.operator, id, (e) => e.status === 'interrupted');
    expect(interrupted.error).toContain('stopped beating');

    const resume = await bed.operator.post(`/api/executions/${id}/resume`);
    expect(resume.statusCode, resume.body).toBe(202);
    await expectExactlyOnce(id, before);
    console.log(`kill + manual resume, ${N} records: ${Math.round(performance.now() - began)} ms`);
    const again = await bed.operator.post(`/api/executions/${id}/resume`);
    expect(again.statusCode).toBe(409);
  }, 180_000);

  it('re-runs the failed documents of an execution from the shape they failed at', async () => {
    // Every record already exists in usrt: each create fails and is kept as a failed document.
    const res = await bed.operator.post(`/api/processes/${firstIds.processId}/executions`, { mode: 'full' });
    const failed = await waitFor(bed.operator, res.json().id);
    expect(failed.shapes.write.failed).toBe(RERUN);
    const kept = await bed.viewer.get(
      `/api/executions/${failed.id}/documents?shapeId=write&direction=failed`,
    );
    expect(kept.json().total).toBe(RERUN);

    bed.sandbox.admin.reset();
    const before = usrt();
    const rerun = await bed.operator.post(`/api/executions/${failed.id}/rerun-failed`);
    expect(rerun.statusCode, rerun.body).toBe(202);
    const done = await waitFor(bed.operator, rerun.json().id);
    expect(done.status).toBe('succeeded');
    expect(done.shapes.write).toMatchObject({ in: RERUN, out: RERUN, failed: 0 });
    expect(done.shapes.start?.in ?? 0).toBe(0);
    expect(usrt() - before).toBe(RERUN);

    // Its documents came from the other execution's failures, not from the start: it is not run again.
    const again = await bed.operator.post(`/api/executions/${done.id}/run-again`);
    expect(again.statusCode).toBe(409);
    expect(again.json().detail).toContain('re-ran failed documents from one shape');
  });

  it('resumes by itself when a new worker starts after a kill -9 (FLOWLINE_AUTO_RESUME on by default)', async () => {
    // Only standalone workers from here: the first is killed, the second finds the execution by itself.
    await bed.app.executions.stop();
    await bed.app.executions.start({ databaseUrl: bed.url, worker: false });
    const began = performance.now();
    const env = { FLOWLINE_STALE_AFTER_MS: '1500' };
    const { id, before } = await runAndKill(() => startWorker(env));
    const next = startWorker(env);
    const stopped = new Promise((resolve) => next.once('exit', resolve));
    let done: Awaited<ReturnType<typeof expectExactlyOnce>>;
    try {
      done = await expectExactlyOnce(id, before);
    } finally {
      // Stopped before the next test: its interrupted execution must stay interrupted.
      next.kill('SIGTERM');
      await stopped;
    }
    console.log(`kill + automatic resume, ${N} records: ${Math.round(performance.now() - began)} ms`);
    const audit = await bed.db.auditEntry.findMany({ where: { action: 'resumed execution' } });
    expect(audit.map((a) => a.detail)).toContainEqual({ executionId: done.id, automatic: true });
  }, 180_000);

  it('leaves an interrupted execution alone with FLOWLINE_AUTO_RESUME=off', async () => {
    const worker = startWorker({ FLOWLINE_AUTO_RESUME: 'off', FLOWLINE_STALE_AFTER_MS: '1500' });
    const { id } = await runAndKill(() => worker);
    bed.sandbox.admin.configure({ faults: { rate429: 0, rate503: 0, dropRate: 0 } });
    startWorker({ FLOWLINE_AUTO_RESUME: 'off', FLOWLINE_STALE_AFTER_MS: '1500' });
    const interrupted = await waitFor(bed.operator, id, (e) => e.status === 'interrupted', 30_000);
    expect(interrupted.error).toContain('resume the execution to finish it');
    // Several beats later it is still interrupted.
    await new Promise((r) => setTimeout(r, 1500));
    expect((await bed.operator.get(`/api/executions/${id}`)).json().status).toBe('interrupted');
  }, 120_000);
});
