import type { Shape } from '@flowline/contracts';
import { describe, expect, it } from 'vitest';
import { processOf, shapes } from '../testing/build.js';
import { createMemoryPorts } from '../testing/memory-ports.js';
import { ProcessInvalidError } from './build-handlers.js';
import type { WriteItem, WriteOutcome } from './ports.js';
import { runProcess } from './run-process.js';

const docs = (n: number) => Array.from({ length: n }, (_, i) => ({ id: `d${i}`, data: { n: i } }));
const line = () => processOf([shapes.startDocs(), shapes.connector('w', 'create')], ['s->w']);
const writeOp = (write?: (item: WriteItem) => void) => ({
  create: {
    info: { kind: 'create' as const, entitySet: 'Things' },
    write: (item: WriteItem) => {
      write?.(item);
      return { documentId: item.documentId, ok: true, etag: 'W/"1"', key: { Id: item.data.n } };
    },
  },
});

describe('runProcess', () => {
  it('refuses an invalid process before running anything, with the problems by shape', async () => {
    const p = processOf([shapes.startDocs(), shapes.connector('w', 'create')]);
    const error = await runProcess(p, createMemoryPorts(writeOp()), { executionId: 'e' }).catch((e) => e);
    expect(error).toBeInstanceOf(ProcessInvalidError);
    expect(error.problems).toEqual([expect.objectContaining({ code: 'unreachable', shapeId: 'w' })]);
    const missing = await runProcess(line(), createMemoryPorts({}), { executionId: 'e' }).catch((e) => e);
    expect(missing.message).toMatch(
      /w: The shape "w" uses an operation that does not exist \(id create\): it was deleted, or the process was imported/,
    );
  });

  it('refuses a start shape that writes, instead of reading every record of its entity set', async () => {
    let read = false;
    const ports = createMemoryPorts(writeOp());
    ports.operations.read = async function* () {
      read = true;
      yield [];
    };
    const p = processOf([shapes.startQuery('create'), shapes.stop('e')], ['s->e']);
    const error = await runProcess(p, ports, { executionId: 'e' }).catch((e) => e);
    expect(error).toBeInstanceOf(ProcessInvalidError);
    expect(error.message).toMatch(
      /s: The operation "create" writes \(create\), so it cannot start a process/,
    );
    expect(read).toBe(false);
  });

  it('records each write as pending before and as written after, chunk by chunk', async () => {
    const ports = createMemoryPorts(writeOp());
    await runProcess(line(), ports, { executionId: 'e', documents: docs(4), chunkSize: 2 });
    expect(ports.storage.journal.map((j) => `${j.kind}:${j.record.documentId}:${j.record.state}`)).toEqual([
      'intent:d0:pending',
      'intent:d1:pending',
      'outcome:d0:written',
      'outcome:d1:written',
      'intent:d2:pending',
      'intent:d3:pending',
      'outcome:d2:written',
      'outcome:d3:written',
    ]);
    expect(ports.storage.writeStates.get('w/d3')).toMatchObject({
      state: 'written',
      etag: 'W/"1"',
      key: { Id: 3 },
    });
  });

  it('tells listeners what happens: started, shapes started, progress per chunk, failures, finished', async () => {
    const ports = createMemoryPorts({
      create: {
        info: { kind: 'create' },
        write: (i) => ({ documentId: i.documentId, ok: i.data.n !== 1, error: { message: 'no' } }),
      },
    });
    const p = processOf(
      [shapes.startDocs(), shapes.connector('w', 'create', 'errorPath'), shapes.stop('e')],
      ['s->w', 'w:error->e'],
    );
    const result = await runProcess(p, ports, { executionId: 'e', documents: docs(3), chunkSize: 2 });
    expect(
      ports.events.events.map((e) => (e.type === 'shapeStarted' ? `${e.type}:${e.shapeId}` : e.type)),
    ).toEqual([
      'started',
      'shapeStarted:s',
      'shapeStarted:w',
      'documentFailed',
      'shapeStarted:e',
      'progress',
      'progress',
      'progress',
      'log',
      'finished',
    ]);
    expect(result.shapes.w).toMatchObject({ in: 3, out: 2, failed: 1 });
    expect(ports.storage.progress.w).toMatchObject({ in: 3, out: 2, failed: 1 });
  });

  it('keeps a bounded sample and every failed document in full mode', async () => {
    const ports = createMemoryPorts({
      create: {
        info: { kind: 'create' },
        write: (i) => ({
          documentId: i.documentId,
          ok: (i.data.n as number) % 10 !== 0,
          error: { message: 'bad' },
        }),
      },
    });
    const p = processOf(
      [shapes.startDocs(), shapes.connector('w', 'create', 'errorPath'), shapes.stop('e')],
      ['s->w', 'w:error->e'],
    );
    await runProcess(p, ports, {
      executionId: 'e',
      mode: 'full',
      documents: docs(1000),
      sampleSize: 3,
      chunkSize: 100,
    });
    const count = (shapeId: string, direction: string) =>
      ports.storage.kept.filter((k) => k.shapeId === shapeId && k.direction === direction).length;
    expect([count('s', 'out'), count('w', 'out'), count('w', 'in'), count('w', 'failed')]).toEqual([
      3, 3, 0, 100,
    ]);
  });

  it('cancels between chunks; what was written is recorded', async () => {
    const controller = new AbortController();
    let written = 0;
    const ports = createMemoryPorts(writeOp(() => written++ === 29 && controller.abort()));
    const result = await runProcess(line(), ports, {
      executionId: 'e',
      documents: docs(100),
      chunkSize: 10,
      signal: controller.signal,
    });
    expect(result.status).toBe('cancelled');
    expect(result.shapes.w).toMatchObject({ in: 30, out: 30 });
    expect([...ports.storage.writeStates.values()].filter((r) => r.state === 'written')).toHaveLength(30);
    expect(ports.storage.progress.w?.out).toBe(30);
    expect(ports.events.events.at(-1)).toMatchObject({ type: 'finished', status: 'cancelled' });
  });

  it('resumes a killed execution: written documents are skipped, unfinished ones verified by key, none written twice', async () => {
    const database = new Map<string, Record<string, unknown>>();
    const calls: WriteItem[] = [];
    const crash = new AbortController();
    const operations = (crashAt?: number) => ({
      create: {
        info: { kind: 'create' as const },
        write: (item: WriteItem) => {
          calls.push(item);
          if (item.verify && database.has(item.documentId))
            return { documentId: item.documentId, ok: true, etag: 'W/"v"' };
          if (database.has(item.documentId)) throw new Error(`${item.documentId} written twice`);
          database.set(item.documentId, item.data);
          // The worker dies right after this write went out (kill -9): no outcome is recorded for its chunk.
          if (database.size === crashAt) crash.abort();
          return { documentId: item.documentId, ok: true, etag: 'W/"1"' };
        },
      },
    });
    const first = createMemoryPorts(operations(25));
    const killed = await runProcess(line(), first, {
      executionId: 'e',
      documents: docs(50),
      chunkSize: 10,
      signal: crash.signal,
    });
    expect(killed.status).toBe('cancelled');
    const states = [...first.storage.writeStates.values()];
    expect(states.filter((s) => s.state === 'written')).toHaveLength(20);
    expect(states.filter((s) => s.state === 'pending')).toHaveLength(10);

    const second = createMemoryPorts(operations());
    calls.length = 0;
    const resumed = await runProcess(
      line(),
      { ...second, storage: first.storage },
      { executionId: 'e', documents: docs(50), chunkSize: 10, resume: true },
    );
    expect(resumed.status).toBe('succeeded');
    expect(resumed.shapes.w).toMatchObject({ in: 50, out: 50, skipped: 20 });
    expect(database.size).toBe(50);
    expect(calls.map((c) => c.documentId)).toEqual(
      docs(50)
        .slice(20)
        .map((d) => d.id),
    );
    expect(calls.filter((c) => c.verify).map((c) => c.documentId)).toEqual(
      docs(30)
        .slice(20)
        .map((d) => d.id),
    );
  });

  it('a write call that throws leaves every document of the chunk uncertain, never silently dropped', async () => {
    const ports = createMemoryPorts({
      create: {
        info: { kind: 'create' },
        write: () => {
          throw new Error('socket hang up');
        },
      },
    });
    const result = await runProcess(line(), ports, { executionId: 'e', documents: docs(2) });
    expect(result.status).toBe('failed');
    expect(result.error).toMatch(
      /Shape "w" failed document "d0": the write of the chunk failed, outcome unknown: socket hang up/,
    );
    expect([...ports.storage.writeStates.values()].map((s) => s.state)).toEqual(['uncertain', 'uncertain']);
  });

  it('counts the time of the shape whose failure ends the run', async () => {
    const ports = createMemoryPorts({
      create: {
        info: { kind: 'create' },
        write: (i) => {
          const until = performance.now() + 20;
          while (performance.now() < until); // an F&O round trip that answers with a refusal
          return { documentId: i.documentId, ok: false, error: { message: 'refused' } };
        },
      },
    });
    const result = await runProcess(line(), ports, { executionId: 'e', documents: docs(1) });
    expect(result.status).toBe('failed');
    expect(result.shapes.w!.timeMs).toBeGreaterThanOrEqual(19);
  });

  it('names the failing shape as the canvas does, when it has a name', async () => {
    const named = line();
    named.shapes[1]!.name = 'Create things';
    const ports = createMemoryPorts({
      create: {
        info: { kind: 'create' },
        write: () => ({ documentId: 'd0', ok: false, error: { code: 'ValidationError', message: 'no' } }),
      },
    });
    const result = await runProcess(named, ports, { executionId: 'e', documents: docs(1) });
    expect(result.error).toBe('Shape "Create things" failed document "d0": no');
  });
});

describe('runProcess startAt', () => {
  it('re-runs failed documents at the shape they failed at, keeping their ids and tracked properties', async () => {
    const items: WriteItem[] = [];
    const ports = createMemoryPorts({
      update: {
        info: { kind: 'update' },
        write: (i) => {
          items.push(i);
          return { documentId: i.documentId, ok: true };
        },
      },
      q: { info: { kind: 'query' }, read: () => [] },
    });
    const p = processOf([shapes.startQuery('q'), shapes.connector('w', 'update')], ['s->w']);
    const failed = [
      { id: 'k1', data: { n: 1 }, properties: { tracked: { etag: 'W/"9"' }, user: { note: 'x' } } },
    ];
    const result = await runProcess(p, ports, {
      executionId: 'e2',
      startAt: { shapeId: 'w', documents: failed },
    });
    expect(result.shapes.s?.in).toBe(0);
    expect(items).toMatchObject([{ documentId: 'k1', etag: 'W/"9"' }]);
    expect(ports.storage.logs).toEqual([]);
  });

  it('logs failures by shape', async () => {
    const ports = createMemoryPorts({
      create: {
        info: { kind: 'create' },
        write: (i) => ({ documentId: i.documentId, ok: false, error: { message: 'no' } }),
      },
    });
    const p = processOf(
      [shapes.startDocs(), shapes.connector('w', 'create', 'errorPath'), shapes.stop('e')],
      ['s->w', 'w:error->e'],
    );
    await runProcess(p, ports, { executionId: 'e', documents: docs(2) });
    expect(ports.storage.logs).toMatchObject([
      { level: 'warn', shapeId: 'w', message: '2 document(s) failed here: 2 × write-failed.' },
    ]);
  });

  it('counts failures by their code, the most common first', async () => {
    const codes = ['412', 'ValidationError', '412', undefined];
    const ports = createMemoryPorts({
      create: {
        info: { kind: 'create' },
        write: (i) => {
          const code = codes[Number(i.data.n)];
          return { documentId: i.documentId, ok: false, error: { message: 'no', ...(code ? { code } : {}) } };
        },
      },
    });
    const p = processOf(
      [shapes.startDocs(), shapes.connector('w', 'create', 'errorPath'), shapes.stop('e')],
      ['s->w', 'w:error->e'],
    );
    const result = await runProcess(p, ports, { executionId: 'e', documents: docs(4) });
    expect(result.shapes.w?.failedBy).toEqual({ '412': 2, ValidationError: 1, 'write-failed': 1 });
    expect(ports.storage.progress.w?.failedBy).toEqual(result.shapes.w?.failedBy);
    expect(ports.storage.logs.map((l) => l.message)).toEqual([
      '4 document(s) failed here: 2 × 412, 1 × ValidationError, 1 × write-failed.',
    ]);
    expect(result.shapes.s?.failedBy).toBeUndefined();
  });

  it('says when a test run stopped its start at the limit, and only then', async () => {
    const run = async (n: number, mode: 'test' | 'full') => {
      const ports = createMemoryPorts(writeOp());
      const result = await runProcess(line(), ports, {
        executionId: 'e',
        mode,
        testLimit: 3,
        documents: docs(n),
      });
      return { written: result.shapes.w?.out, logs: ports.storage.logs.map((l) => l.message) };
    };
    expect(await run(5, 'test')).toEqual({
      written: 3,
      logs: ['A test run takes the first 3 documents from the start; a full run takes every one.'],
    });
    expect(await run(2, 'test')).toEqual({ written: 2, logs: [] });
    expect(await run(5, 'full')).toEqual({ written: 5, logs: [] });
  });
});

describe('preview', () => {
  it('sends no write and records no write state; each document goes on with the request it would send', async () => {
    const sent: WriteItem[] = [];
    const ports = createMemoryPorts(writeOp((i) => sent.push(i)));
    const result = await runProcess(line(), ports, {
      executionId: 'e',
      mode: 'preview',
      testLimit: 3,
      documents: docs(5),
    });
    expect(result.status).toBe('succeeded');
    expect(sent).toEqual([]);
    expect(ports.storage.journal).toEqual([]);
    expect(result.shapes.w).toMatchObject({ in: 3, out: 3, failed: 0, would: { create: 3 } });
    // Kept like a test run's: every document, the write's with what it would have sent.
    const out = ports.storage.kept.filter((k) => k.shapeId === 'w' && k.direction === 'out');
    expect(out.map((k) => [k.document.data, k.document.properties.tracked.request])).toEqual([
      [{ n: 0 }, 'create Things'],
      [{ n: 1 }, 'create Things'],
      [{ n: 2 }, 'create Things'],
    ]);
    expect(ports.storage.logs.map((l) => l.message)).toEqual([
      'A preview takes the first 3 documents from the start; a full run takes every one.',
    ]);
  });

  it('tells what each write shape would do, never what an earlier one would have', async () => {
    const ports = createMemoryPorts({
      update: { info: { kind: 'update', entitySet: 'Things' } },
      create: { info: { kind: 'create', entitySet: 'Copies' } },
    });
    ports.operations.write = async (ref, items) =>
      items.map((i) =>
        ref.operationId === 'update'
          ? { documentId: i.documentId, ok: true, request: 'PATCH Things(1)', changes: 'n: 0 → 1' }
          : { documentId: i.documentId, ok: true, request: 'POST Copies' },
      );
    const p = processOf(
      [shapes.startDocs(), shapes.connector('u', 'update'), shapes.connector('c', 'create')],
      ['s->u', 'u->c'],
    );
    await runProcess(p, ports, { executionId: 'e', mode: 'preview', documents: docs(1) });
    const out = (shapeId: string) =>
      ports.storage.kept.find((k) => k.shapeId === shapeId && k.direction === 'out')?.document.properties
        .tracked;
    expect(out('u')).toMatchObject({ request: 'PATCH Things(1)', changes: 'n: 0 → 1' });
    expect(out('c')).toEqual({ entitySet: 'Copies', request: 'POST Copies' });
  });

  it('fails the documents whose write would be refused before sending, and a preview that throws fails them all', async () => {
    const ports = createMemoryPorts(writeOp());
    let calls = 0;
    ports.operations.write = async (_ref, items, { preview }) => {
      if (!preview) throw new Error('a preview must not write');
      if (++calls > 1) throw new Error('the operation is gone');
      return items.map((i) =>
        i.data.n === 1
          ? { documentId: i.documentId, ok: false, error: { message: 'needs the key', code: 'no-key' } }
          : { documentId: i.documentId, ok: true, request: 'POST Things' },
      );
    };
    const p = processOf(
      [shapes.startDocs(), shapes.connector('w', 'create', 'errorPath'), shapes.stop('e')],
      ['s->w', 'w:error->e'],
    );
    const first = await runProcess(p, ports, { executionId: 'e1', mode: 'preview', documents: docs(3) });
    expect(first.shapes.w).toMatchObject({ out: 2, failed: 1, would: { create: 2, 'refused:no-key': 1 } });
    const failed = ports.storage.kept.filter((k) => k.direction === 'failed');
    expect(failed.map((k) => [k.document.id, k.document.error?.code])).toEqual([['d1', 'no-key']]);
    const second = await runProcess(p, ports, { executionId: 'e2', mode: 'preview', documents: docs(2) });
    expect(second.shapes.w).toMatchObject({ out: 0, failed: 2, would: { 'refused:other': 2 } });
    expect(ports.storage.logs.at(-1)?.message).toBe('2 document(s) failed here: 2 × write-failed.');
  });
});

describe("a preview's sum", () => {
  it("counts each write shape's documents by what their write would do, or the refusal it would meet", async () => {
    const ports = createMemoryPorts({ upsert: { info: { kind: 'upsert', entitySet: 'Things' } } });
    const outcomes: Omit<WriteOutcome, 'documentId'>[] = [
      { ok: true, request: 'PATCH Things(1) · If-Match: W/"1"', changes: 'n: 0 → 1' },
      { ok: true, request: 'PATCH Things(2) · If-Match: W/"2"', changes: 'nothing' },
      { ok: true, request: 'POST Things (Things(3) does not exist yet)' },
      { ok: false, error: { message: 'changed since it was read', code: 'changed' } },
      { ok: false, error: { message: 'reading the record failed', code: 'Error' } },
    ];
    ports.operations.write = async (_ref, items) =>
      items.map((i, n) => ({ documentId: i.documentId, ...outcomes[n]! }));
    const p = processOf(
      [shapes.startDocs(), shapes.connector('w', 'upsert', 'errorPath'), shapes.stop('e')],
      ['s->w', 'w:error->e'],
    );
    const result = await runProcess(p, ports, { executionId: 'e', mode: 'preview', documents: docs(5) });
    const would = { update: 1, unchanged: 1, create: 1, 'refused:changed': 1, 'refused:other': 1 };
    expect(result.shapes.w?.would).toEqual(would);
    // Saved with the counts after each chunk, as a copy (the next chunk's sums do not change it).
    expect(ports.storage.progress.w?.would).toEqual(would);
    expect(result.shapes.s?.would).toBeUndefined();
  });

  it('explains a read after a previewed write that fails: the write was not sent', async () => {
    const ports = createMemoryPorts({
      ...writeOp(),
      g: {
        info: { kind: 'get', entitySet: 'Things' },
        read: () => {
          throw new Error('Things(1) was not found');
        },
      },
    });
    const p = processOf(
      [
        shapes.startDocs(),
        shapes.connector('w', 'create'),
        shapes.connector('r', 'g', 'errorPath'),
        shapes.stop('e'),
      ],
      ['s->w', 'w->r', 'r:error->e'],
    );
    await runProcess(p, ports, { executionId: 'e', mode: 'preview', documents: docs(1) });
    const failed = () => ports.storage.kept.find((k) => k.shapeId === 'r' && k.direction === 'failed');
    expect(failed()?.document.error?.message).toBe(
      'Things(1) was not found (a preview: "create Things" was not sent, so what it would have written is not there to read)',
    );
    // A test run's read says only what went wrong.
    await runProcess(p, ports, { executionId: 'e2', mode: 'test', documents: docs(1) });
    const last = ports.storage.kept.filter((k) => k.shapeId === 'r' && k.direction === 'failed').at(-1);
    expect(last?.document.error?.message).toBe('Things(1) was not found');
  });

  it('counts nothing in a run that writes', async () => {
    const ports = createMemoryPorts(writeOp());
    const result = await runProcess(line(), ports, { executionId: 'e', mode: 'test', documents: docs(2) });
    expect(result.shapes.w?.would).toBeUndefined();
  });
});

describe('writes without a condition', () => {
  const updates = (opIfMatch?: 'tracked' | 'any' | 'none') => ({
    u: {
      info: { kind: 'update' as const, entitySet: 'Things', ...(opIfMatch ? { ifMatch: opIfMatch } : {}) },
      write: (item: WriteItem) => ({ documentId: item.documentId, ok: true }),
    },
    q: {
      info: { kind: 'query' as const },
      read: () => [[{ data: { n: 9 }, key: { Id: 9 }, etag: 'W/"9"' }]],
    },
  });
  const warning = (ports: ReturnType<typeof createMemoryPorts>) =>
    ports.storage.logs.find((l) => l.message.includes('without If-Match'));

  it('are counted and explained: updates whose documents carry no ETag to be conditional on', async () => {
    const ports = createMemoryPorts(updates());
    const p = processOf([shapes.startDocs(), shapes.connector('w', 'u')], ['s->w']);
    const result = await runProcess(p, ports, { executionId: 'e', documents: docs(3) });
    expect(result.shapes.w?.unconditional).toBe(3);
    expect(warning(ports)).toMatchObject({ level: 'warn', shapeId: 'w' });
    expect(warning(ports)?.message).toMatch(
      /^3 write\(s\) were sent without If-Match: their documents carried no ETag .* set this shape's If-Match to none to say that is meant\.$/,
    );
    // A preview says what would be.
    const previewed = createMemoryPorts(updates());
    await runProcess(p, previewed, { executionId: 'e', mode: 'preview', documents: docs(1) });
    expect(warning(previewed)?.message).toMatch(/^1 write\(s\) would be sent without If-Match/);
  });

  it('are not when the ETag was read, or the shape or the operation chose no condition or any', async () => {
    const read = createMemoryPorts(updates());
    await runProcess(processOf([shapes.startQuery('q'), shapes.connector('w', 'u')], ['s->w']), read, {
      executionId: 'e',
    });
    const none = createMemoryPorts(updates());
    const shape: Shape = {
      ...shapes.connector('w', 'u'),
      config: { connectionId: 'c1', operationId: 'u', ifMatch: 'none' },
    } as Shape;
    await runProcess(processOf([shapes.startDocs(), shape], ['s->w']), none, {
      executionId: 'e',
      documents: docs(1),
    });
    const any = createMemoryPorts(updates('any'));
    await runProcess(processOf([shapes.startDocs(), shapes.connector('w', 'u')], ['s->w']), any, {
      executionId: 'e',
      documents: docs(1),
    });
    for (const ports of [read, none, any]) {
      expect(ports.storage.progress.w?.unconditional).toBeUndefined();
      expect(warning(ports)).toBeUndefined();
    }
  });
});

describe('writes after reads', () => {
  it('a create does not carry the key and ETag of the record it was read from', async () => {
    const items: WriteItem[] = [];
    const ports = createMemoryPorts({
      ...writeOp((i) => items.push(i)),
      q: { info: { kind: 'query' }, read: () => [[{ data: { n: 1 }, key: { Id: 1 }, etag: 'W/"src"' }]] },
    });
    const p = processOf([shapes.startQuery('q'), shapes.connector('w', 'create')], ['s->w']);
    await runProcess(p, ports, { executionId: 'e' });
    expect(items).toHaveLength(1);
    expect(items[0]).not.toHaveProperty('key');
    expect(items[0]).not.toHaveProperty('etag');
    expect(ports.storage.writeStates.get('w/Id=1')).toMatchObject({ state: 'written', key: { Id: 1 } });
  });

  it("a preview's create shows no ETag or key yet: those read belong to the source record", async () => {
    const ports = createMemoryPorts({
      ...writeOp(),
      q: { info: { kind: 'query' }, read: () => [[{ data: { n: 1 }, key: { Id: 1 }, etag: 'W/"src"' }]] },
    });
    const p = processOf([shapes.startQuery('q'), shapes.connector('w', 'create')], ['s->w']);
    await runProcess(p, ports, { executionId: 'e', mode: 'preview' });
    const kept = (direction: string) =>
      ports.storage.kept.find((k) => k.shapeId === 'w' && k.direction === direction)?.document.properties
        .tracked;
    expect(kept('in')).toMatchObject({ etag: 'W/"src"', key: { Id: 1 } });
    expect(kept('out')).toEqual({ entitySet: 'Things', request: 'create Things' });
  });
});
