import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MAX_AUTO_ATTEMPTS } from './execution-runner.js';
import { copyCustomersProcess, executionsTestBed, waitFor } from './test-fixtures.js';

/** Records of most runs here (the first N usmf customers). */
const N = 2000;
/** Records of the run with the sandbox's faults on: every usmf customer, the size. */
const ALL = 10_000;
let bed: Awaited<ReturnType<typeof executionsTestBed>>;
let ids: Awaited<ReturnType<typeof copyCustomersProcess>>;
let all: Awaited<ReturnType<typeof copyCustomersProcess>>;

beforeAll(async () => {
  bed = await executionsTestBed(ALL, { seedCompanies: ['usmf'] });
  await bed.app.executions.start({
    databaseUrl: bed.url,
    worker: true,
    runner: { heartbeatMs: 300, chunkSize: 250 },
  });
  ids = await copyCustomersProcess(bed.sandbox, bed.designer, { top: N });
  all = await copyCustomersProcess(bed.sandbox, bed.designer);
});
afterAll(() => bed?.close());

const usrt = () => bed.sandbox.admin.count('CustomersV3', 'usrt');

describe('executions end to end', () => {
  it('copies every usmf customer to usrt exactly once, through the queue and the worker', async () => {
    bed.sandbox.admin.reset();
    const before = usrt();
    const res = await bed.operator.post(`/api/processes/${ids.processId}/executions`, { mode: 'full' });
    expect(res.statusCode, res.body).toBe(202);
    const done = await waitFor(bed.operator, res.json().id);
    expect(done.status, JSON.stringify(done)).toBe('succeeded');
    expect(done.shapes.start.out).toBe(N);
    expect(done.shapes.write).toMatchObject({ in: N, out: N, failed: 0 });
    expect(usrt() - before).toBe(N);
    const accounts = bed.sandbox.admin.dump('CustomersV3', 'usrt').map((c) => c.CustomerAccount);
    expect(new Set(accounts).size).toBe(accounts.length);

    // The record that wrote a customer account is found by it.
    const found = await bed.viewer.get(
      `/api/executions/search?tracked=${encodeURIComponent(String(accounts.at(-1)))}`,
    );
    expect(found.statusCode, found.body).toBe(200);
    expect(found.json().items[0].execution.id).toBe(done.id);
    // Whatever its capitals, as F&O's keys: the value answered is the one written.
    const lower = String(accounts.at(-1)).toLowerCase();
    expect(lower).not.toBe(accounts.at(-1));
    const folded = await bed.viewer.get(`/api/executions/search?tracked=${encodeURIComponent(lower)}`);
    expect(folded.json().items[0]).toMatchObject({ value: accounts.at(-1), execution: { id: done.id } });
    const list = await bed.viewer.get(`/api/executions?processId=${ids.processId}&status=succeeded`);
    expect(list.json().items.map((e: { id: string }) => e.id)).toContain(done.id);
    const audit = await bed.db.auditEntry.findMany({ where: { action: 'ran', componentId: ids.processId } });
    expect(audit.length).toBeGreaterThan(0);
  });

  it('still creates each of 10,000 records exactly once with 10% 429, 5% 503 and 1% dropped connections', async () => {
    bed.sandbox.admin.reset();
    bed.sandbox.admin.resetCounters();
    bed.sandbox.admin.configure({ faults: { rate429: 0.1, rate503: 0.05, dropRate: 0.01, retryAfter: 0 } });
    try {
      const before = usrt();
      const began = performance.now();
      const res = await bed.operator.post(`/api/processes/${all.processId}/executions`, { mode: 'full' });
      expect(res.statusCode, res.body).toBe(202);
      const done = await waitFor(bed.operator, res.json().id, undefined, 120_000);
      console.log(`faults run, ${ALL} records: ${Math.round(performance.now() - began)} ms`);
      expect(done.status, JSON.stringify(done)).toBe('succeeded');
      expect(done.shapes.start.out).toBe(ALL);
      expect(done.shapes.write).toMatchObject({ in: ALL, failed: 0 });
      const { faults } = bed.sandbox.admin.counters();
      expect(faults.throttled429).toBeGreaterThan(0);
      expect(faults.unavailable503).toBeGreaterThan(0);
      expect(faults.dropped).toBeGreaterThan(0);
      expect(usrt() - before).toBe(ALL);
      const accounts = bed.sandbox.admin.dump('CustomersV3', 'usrt').map((c) => c.CustomerAccount);
      expect(new Set(accounts).size).toBe(accounts.length);
    } finally {
      bed.sandbox.admin.configure({ faults: { rate429: 0, rate503: 0, dropRate: 0 } });
    }
  }, 150_000);

  it('checks by key what dropped $batch requests wrote, and sends only what is missing', async () => {
    bed.sandbox.admin.reset();
    bed.sandbox.admin.resetCounters();
    bed.sandbox.admin.configure({ faults: { dropRate: 0.3 } });
    try {
      const before = usrt();
      const res = await bed.operator.post(`/api/processes/${ids.processId}/executions`, { mode: 'full' });
      const done = await waitFor(bed.operator, res.json().id);
      expect(done.status, JSON.stringify(done)).toBe('succeeded');
      expect(bed.sandbox.admin.counters().faults.dropped).toBeGreaterThan(0);
      expect(done.shapes.write).toMatchObject({ in: N, out: N, failed: 0 });
      expect(usrt() - before).toBe(N);
    } finally {
      bed.sandbox.admin.configure({ faults: { dropRate: 0 } });
    }
  });

  it('keeps every document of every shape in test mode (at most 100 from the start)', async () => {
    const res = await bed.operator.post(`/api/processes/${ids.processId}/executions`, { mode: 'test' });
    const done = await waitFor(bed.operator, res.json().id);
    expect(done.status).toBe('succeeded');
    expect(done.shapes.start.out).toBe(100);
    const docs = await bed.viewer.get(
      `/api/executions/${done.id}/documents?shapeId=map&direction=out&limit=1000`,
    );
    expect(docs.json().total).toBe(100);
    expect(docs.json().items[0].document.data.dataAreaId).toBe('usrt');
    const inWrite = await bed.viewer.get(`/api/executions/${done.id}/documents?shapeId=write&direction=in`);
    expect(inWrite.json().total).toBe(100);
    // Its log says the start stopped there: the counts are not the whole entity set.
    expect(done.logs).toContainEqual(
      expect.objectContaining({
        level: 'info',
        shapeId: 'start',
        message: 'A test run takes the first 100 documents from the start; a full run takes every one.',
      }),
    );
  });

  it('previews a run: reads are real, no write is sent or recorded, each write shows its request', async () => {
    // The customers earlier tests copied would be refused as existing already.
    bed.sandbox.admin.reset();
    const before = usrt();
    bed.sandbox.admin.resetCounters();
    const res = await bed.operator.post(`/api/processes/${ids.processId}/executions`, { mode: 'preview' });
    expect(res.statusCode, res.body).toBe(202);
    const done = await waitFor(bed.operator, res.json().id);
    expect(done.status, JSON.stringify(done)).toBe('succeeded');
    expect(done.mode).toBe('preview');
    expect(done.shapes.write).toMatchObject({ in: 100, out: 100, failed: 0, would: { create: 100 } });
    expect(done.shapes.start?.would).toBeUndefined();
    expect(usrt()).toBe(before);
    expect(bed.sandbox.admin.counters().writes).toEqual({ created: 0, updated: 0, deleted: 0 });
    expect(await bed.db.writeState.count({ where: { executionId: done.id } })).toBe(0);
    const out = await bed.viewer.get(`/api/executions/${done.id}/documents?shapeId=write&direction=out`);
    const first = out.json().items[0].document;
    expect(first.properties.tracked.request).toBe('POST CustomersV3 · in a $batch');
    expect(first.data.dataAreaId).toBe('usrt');
    // The list tells previews from real runs.
    const listed = async (mode: string) => {
      const res = await bed.viewer.get(`/api/executions?processId=${ids.processId}&mode=${mode}&limit=500`);
      return res.json().items.map((e: { id: string }) => e.id);
    };
    expect(await listed('preview')).toContain(done.id);
    expect(await listed('full')).not.toContain(done.id);
    expect((await bed.viewer.get('/api/executions?mode=dry')).statusCode).toBe(400);
    // Run again, it previews again.
    const again = await bed.operator.post(`/api/executions/${done.id}/run-again`);
    expect(again.statusCode, again.body).toBe(202);
    expect((await waitFor(bed.operator, again.json().id)).mode).toBe('preview');
    expect(usrt()).toBe(before);
  });

  it('runs a process again as an execution ran it: same mode, same documents, at its current revision', async () => {
    const created = await bed.designer.post('/api/components', {
      type: 'process',
      name: 'Given documents',
      body: {
        schemaVersion: 1,
        name: 'Given documents',
        shapes: [
          { id: 'start', kind: 'start', position: { x: 0, y: 0 }, config: { mode: 'documents' } },
          { id: 'end', kind: 'stop', position: { x: 200, y: 0 }, config: { scope: 'path' } },
        ],
        edges: [{ id: 'e1', from: 'start', handle: 'out', to: 'end' }],
      },
    });
    expect(created.statusCode, created.body).toBe(201);
    const documents = [
      { id: 'one', data: { CustomerAccount: 'US-001' } },
      { data: { CustomerAccount: 'US-002' } },
    ];
    const first = await bed.operator.post(`/api/processes/${created.json().id}/executions`, {
      mode: 'test',
      documents,
    });
    const firstDone = await waitFor(bed.operator, first.json().id);
    expect(firstDone.status).toBe('succeeded');

    const again = await bed.operator.post(`/api/executions/${firstDone.id}/run-again`);
    expect(again.statusCode, again.body).toBe(202);
    expect(again.json().id).not.toBe(firstDone.id);
    const done = await waitFor(bed.operator, again.json().id);
    expect(done).toMatchObject({ status: 'succeeded', mode: 'test', processVersion: 1 });
    expect(done.shapes.start.out).toBe(2);
    const kept = await bed.viewer.get(`/api/executions/${done.id}/documents?shapeId=start&direction=out`);
    expect(kept.json().items.map((d: { document: { data: unknown } }) => d.document.data)).toEqual(
      documents.map((d) => d.data),
    );

    // Without its documents, it would start from nothing: refused, as are documents for a process
    // that reads its own.
    const none = await bed.operator.post(`/api/processes/${created.json().id}/executions`, { mode: 'test' });
    expect(none.statusCode, none.body).toBe(422);
    expect(none.json().problems).toMatchObject([{ code: 'documents-required', shapeId: 'start' }]);
    expect(none.json().detail).toBe(
      'The process "Given documents" starts from documents passed by its caller: send them as "documents" (an empty list runs it with none).',
    );
    const extra = await bed.operator.post(`/api/processes/${ids.processId}/executions`, {
      mode: 'test',
      documents,
    });
    expect(extra.statusCode).toBe(422);
    expect(extra.json().detail).toContain('reads its own documents');
    const empty = await bed.operator.post(`/api/processes/${created.json().id}/executions`, {
      mode: 'test',
      documents: [],
    });
    expect((await waitFor(bed.operator, empty.json().id)).status).toBe('succeeded');

    expect((await bed.viewer.post(`/api/executions/${done.id}/run-again`)).statusCode).toBe(403);
    const missing = await bed.operator.post('/api/executions/00000000-0000-4000-8000-000000000000/run-again');
    expect(missing.statusCode).toBe(404);
  });

  it('warns of updates sent without If-Match, unless the operation chose a condition of its own', async () => {
    const profile = (
      await bed.designer.get(`/api/connections/${ids.connectionId}/entity-sets/CustomersV3/profile`)
    ).json().profile;
    const warned = async (ifMatch?: 'any') => {
      const op = await bed.designer.post('/api/components', {
        type: 'operation',
        name: `update customer ${ifMatch ?? 'tracked'}`,
        body: {
          schemaVersion: 1,
          connectionId: ids.connectionId,
          action: 'update',
          entitySet: 'CustomersV3',
          requestProfile: profile,
          ...(ifMatch ? { ifMatch } : {}),
        },
      });
      expect(op.statusCode, op.body).toBe(201);
      const name = `Rename ${ifMatch ?? 'tracked'}`;
      const process = await bed.designer.post('/api/components', {
        type: 'process',
        name,
        body: {
          schemaVersion: 1,
          name,
          shapes: [
            { id: 'start', kind: 'start', position: { x: 0, y: 0 }, config: { mode: 'documents' } },
            {
              id: 'write',
              kind: 'connector',
              position: { x: 200, y: 0 },
              onError: 'failRun',
              config: { connectionId: ids.connectionId, operationId: op.json().id },
            },
          ],
          edges: [{ id: 'e1', from: 'start', handle: 'out', to: 'write' }],
        },
      });
      expect(process.statusCode, process.body).toBe(201);
      // A preview: it sends nothing, and the warning is the same.
      const res = await bed.operator.post(`/api/processes/${process.json().id}/executions`, {
        mode: 'preview',
        documents: [
          { data: { dataAreaId: 'usmf', CustomerAccount: 'USMF-000001', OrganizationName: 'Renamed' } },
        ],
      });
      expect(res.statusCode, res.body).toBe(202);
      const done = await waitFor(bed.operator, res.json().id);
      expect(done.status, JSON.stringify(done)).toBe('succeeded');
      return {
        count: done.shapes.write.unconditional,
        logs: done.logs.map((l: { message: string }) => l.message),
      };
    };
    const tracked = await warned();
    expect(tracked.count).toBe(1);
    expect(tracked.logs).toContainEqual(
      expect.stringMatching(/^1 write\(s\) would be sent without If-Match/),
    );
    const any = await warned('any');
    expect(any.count).toBeUndefined();
    expect(any.logs.join('\n')).not.toContain('without If-Match');
  });

  it('answers 422 with the problems by shape for a process that cannot run', async () => {
    const bad = await bed.designer.post('/api/components', {
      type: 'process',
      name: 'Broken',
      body: {
        schemaVersion: 1,
        name: 'Broken',
        shapes: [
          { id: 's', kind: 'start', position: { x: 0, y: 0 }, config: { mode: 'none' } },
          { id: 'm', kind: 'map', position: { x: 0, y: 0 }, onError: 'failRun', config: {} },
          { id: 'lost', kind: 'stop', position: { x: 0, y: 0 }, config: { scope: 'path' } },
        ],
        edges: [{ id: 'e1', from: 's', handle: 'out', to: 'm' }],
      },
    });
    expect(bad.statusCode, bad.body).toBe(201);
    const res = await bed.operator.post(`/api/processes/${bad.json().id}/executions`, { mode: 'full' });
    expect(res.statusCode, res.body).toBe(422);
    const shapes = res.json().problems.map((p: { shapeId?: string }) => p.shapeId);
    expect(shapes).toContain('m');
    expect(shapes).toContain('lost');
  });

  it('names an operation with no action yet, and refuses one that writes as the start', async () => {
    const create = async (type: string, name: string, body?: unknown) => {
      const res = await bed.designer.post('/api/components', { type, name, ...(body ? { body } : {}) });
      expect(res.statusCode, res.body).toBe(201);
      return res.json().id as string;
    };
    const draft = await create('operation', 'Draft customers');
    const writes = ids.createId;
    const shape = (id: string, kind: string, operationId: string) => ({
      id,
      kind,
      position: { x: 0, y: 0 },
      ...(kind === 'connector' ? { onError: 'failRun' } : {}),
      config: {
        ...(kind === 'start' ? { mode: 'operation' } : {}),
        operationId,
        connectionId: ids.connectionId,
      },
    });
    const process = await create('process', 'Unready', {
      schemaVersion: 1,
      name: 'Unready',
      shapes: [shape('s', 'start', writes), shape('w', 'connector', draft)],
      edges: [{ id: 'e1', from: 's', handle: 'out', to: 'w' }],
    });
    const res = await bed.operator.post(`/api/processes/${process}/executions`, { mode: 'full' });
    expect(res.statusCode, res.body).toBe(422);
    expect(res.json().problems).toEqual([
      expect.objectContaining({
        shapeId: 's',
        message: expect.stringContaining('"create customer" writes (create)'),
      }),
      expect.objectContaining({
        shapeId: 'w',
        message: 'The operation "Draft customers" has no action yet: choose one in its builder.',
      }),
    ]);
  });

  it('lets viewers read but not run', async () => {
    const res = await bed.viewer.post(`/api/processes/${ids.processId}/executions`, { mode: 'test' });
    expect(res.statusCode).toBe(403);
  });

  it('streams progress as server-sent events, ending with finished', async () => {
    const res = await bed.operator.post(`/api/processes/${ids.processId}/executions`, { mode: 'full' });
    const id = res.json().id as string;
    const stream = await bed.viewer.get(`/api/executions/${id}/events`);
    expect(stream.statusCode).toBe(200);
    expect(stream.headers['content-type']).toContain('text/event-stream');
    const events = stream.body
      .split('\n\n')
      .filter(Boolean)
      .map((block) => ({
        type: /^event: (\w+)/m.exec(block)?.[1],
        data: JSON.parse(/^data: (.*)$/m.exec(block)?.[1] ?? 'null'),
      }));
    expect(events[0]?.type).toBe('snapshot');
    expect(events.some((e) => e.type === 'progress')).toBe(true);
    const last = events.at(-1)!;
    expect(last.type).toBe('finished');
    expect(last.data.status).toBe('succeeded');
    expect(last.data.shapes.write.in).toBe(N);
  });

  it('resumes interrupted executions by itself, up to MAX_AUTO_ATTEMPTS attempts', async () => {
    const res = await bed.operator.post(`/api/processes/${ids.processId}/executions`, { mode: 'full' });
    const first = await waitFor(bed.operator, res.json().id);
    const interrupt = (attempts: number) =>
      bed.db.execution.update({ where: { id: first.id }, data: { status: 'interrupted', attempts } });
    await interrupt(MAX_AUTO_ATTEMPTS);
    // Several sweeps (every 300 ms here) leave it alone: it has had its automatic attempts.
    await new Promise((r) => setTimeout(r, 1500));
    expect((await bed.viewer.get(`/api/executions/${first.id}`)).json().status).toBe('interrupted');
    await interrupt(MAX_AUTO_ATTEMPTS - 1);
    const done = await waitFor(
      bed.operator,
      first.id,
      (e) => e.status !== 'interrupted' && e.status !== 'queued' && e.status !== 'running',
    );
    expect(done.status).toBe(first.status);
    expect(done.attempts).toBe(MAX_AUTO_ATTEMPTS);
    // Everything was written by the first attempt: the resume skipped every write.
    expect(done.shapes.write.skipped).toBe(first.shapes.write.out);
  });

  it('cancels a running execution between chunks and keeps what was written', async () => {
    bed.sandbox.admin.reset();
    bed.sandbox.admin.configure({ latency: 60 });
    try {
      const before = usrt();
      const res = await bed.operator.post(`/api/processes/${ids.processId}/executions`, { mode: 'full' });
      const id = res.json().id as string;
      await waitFor(bed.operator, id, (e) => (e.shapes.write?.in ?? 0) > 0);
      const cancel = await bed.operator.post(`/api/executions/${id}/cancel`);
      expect(cancel.statusCode, cancel.body).toBe(200);
      const done = await waitFor(bed.operator, id);
      expect(done.status).toBe('cancelled');
      expect(done.shapes.write.in).toBeLessThan(N);
      expect(usrt() - before).toBe(done.shapes.write.out);
      const again = await bed.operator.post(`/api/executions/${id}/cancel`);
      expect(again.statusCode).toBe(409);
    } finally {
      bed.sandbox.admin.configure({ latency: 0 });
    }
  });

  it('answers the newest execution of each process that has run', async () => {
    const latest = await bed.viewer.get('/api/executions/latest');
    expect(latest.statusCode, latest.body).toBe(200);
    const items = latest.json().items as { id: string; processId: string }[];
    const processes = new Set(items.map((e) => e.processId));
    expect(processes.size).toBe(items.length);
    expect(processes).toContain(ids.processId);
    for (const e of items) {
      const newest = (await bed.viewer.get(`/api/executions?processId=${e.processId}&limit=1`)).json();
      expect(e.id).toBe(newest.items[0].id);
    }
  });

  it('keeps its routes in the OpenAPI document, and names what is missing', async () => {
    const doc = bed.app.swagger() as { paths: Record<string, unknown> };
    for (const path of [
      '/api/processes/{id}/executions',
      '/api/executions',
      '/api/executions/search',
      '/api/executions/latest',
      '/api/executions/{id}',
      '/api/executions/{id}/events',
      '/api/executions/{id}/cancel',
      '/api/executions/{id}/resume',
      '/api/executions/{id}/rerun-failed',
      '/api/executions/{id}/run-again',
      '/api/executions/{id}/documents',
    ])
      expect(Object.keys(doc.paths)).toContain(path);
    const missing = await bed.viewer.get('/api/executions/00000000-0000-4000-8000-000000000000');
    expect(missing.statusCode).toBe(404);
    expect(missing.json().detail).toContain('00000000-0000-4000-8000-000000000000');
  });
});
