import { type ChildProcess, spawn } from 'node:child_process';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { copyCustomersProcess, executionsTestBed, SECRET_KEY, waitFor } from './test-fixtures.js';

const N = 2000;
const serverDir = fileURLToPath(new URL('../../', import.meta.url));
const tsx = createRequire(new URL('../../../../package.json', import.meta.url)).resolve('tsx/esm');
let bed: Awaited<ReturnType<typeof executionsTestBed>>;
let ids: Awaited<ReturnType<typeof copyCustomersProcess>>;
let child: ChildProcess | undefined;

beforeAll(async () => {
  bed = await executionsTestBed(N);
  // The queue only: the first run is taken by a standalone worker process.
  await bed.app.executions.start({ databaseUrl: bed.url, worker: false });
  ids = await copyCustomersProcess(bed.sandbox, bed.designer);
});
afterAll(async () => {
  child?.kill('SIGKILL');
  await bed?.close();
});

const usrt = () => bed.sandbox.admin.count('CustomersV3', 'usrt');

/** `pnpm worker` as a child process (node + tsx directly, so SIGKILL reaches the worker itself). */
function startWorker(): ChildProcess {
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
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  worker.stderr?.on('data', (d: Buffer) => process.stderr.write(`[worker] ${d}`));
  return worker;
}

describe('a worker killed mid-run', () => {
  it('is noticed by its missed heartbeats, and the resumed execution writes every record exactly once', async () => {
    bed.sandbox.admin.reset();
    bed.sandbox.admin.configure({ latency: 300 });
    const before = usrt();
    const res = await bed.operator.post(`/api/processes/${ids.processId}/executions`, { mode: 'full' });
    expect(res.statusCode, res.body).toBe(202);
    const id = res.json().id as string;
    child = startWorker();
    const exited = new Promise((resolve) => child!.once('exit', resolve));
    await waitFor(bed.operator, id, (e) => (e.shapes.write?.in ?? 0) > 0, 90_000);
    child.kill('SIGKILL');
    await exited;
    const atKill = usrt() - before;
    expect(atKill).toBeGreaterThan(0);
    expect(atKill).toBeLessThan(N);
    bed.sandbox.admin.configure({ latency: 0 });

    // A worker in the server notices the stale heartbeat and marks the execution interrupted.
    await bed.app.executions.stop();
    await bed.app.executions.start({
      databaseUrl: bed.url,
      worker: true,
      runner: { heartbeatMs: 300, staleAfterMs: 1500 },
    });
    const interrupted = await waitFor(bed.operator, id, (e) => e.status === 'interrupted');
    expect(interrupted.error).toContain('stopped beating');

    const resume = await bed.operator.post(`/api/executions/${id}/resume`);
    expect(resume.statusCode, resume.body).toBe(202);
    const done = await waitFor(bed.operator, id);
    expect(done.status, JSON.stringify(done)).toBe('succeeded');
    expect(done.attempts).toBe(1);
    expect(done.shapes.write.skipped).toBeGreaterThan(0);
    expect(done.shapes.write.failed).toBe(0);
    expect(usrt() - before).toBe(N);
    const accounts = bed.sandbox.admin.dump('CustomersV3', 'usrt').map((c) => c.CustomerAccount);
    expect(new Set(accounts).size).toBe(accounts.length);
    const again = await bed.operator.post(`/api/executions/${id}/resume`);
    expect(again.statusCode).toBe(409);
  });

  it('re-runs the failed documents of an execution from the shape they failed at', async () => {
    // Every record already exists in usrt: each create fails and is kept as a failed document.
    const res = await bed.operator.post(`/api/processes/${ids.processId}/executions`, { mode: 'full' });
    const failed = await waitFor(bed.operator, res.json().id);
    expect(failed.shapes.write.failed).toBe(N);
    const kept = await bed.viewer.get(
      `/api/executions/${failed.id}/documents?shapeId=write&direction=failed`,
    );
    expect(kept.json().total).toBe(N);

    bed.sandbox.admin.reset();
    const before = usrt();
    const rerun = await bed.operator.post(`/api/executions/${failed.id}/rerun-failed`);
    expect(rerun.statusCode, rerun.body).toBe(202);
    const done = await waitFor(bed.operator, rerun.json().id);
    expect(done.status).toBe('succeeded');
    expect(done.shapes.write).toMatchObject({ in: N, out: N, failed: 0 });
    expect(done.shapes.start?.in ?? 0).toBe(0);
    expect(usrt() - before).toBe(N);
  });
});
