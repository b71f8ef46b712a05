import type { ProcessDefinition, Shape } from '@flowline/contracts';
import type { Document } from '../model/document.js';
import { type Failure, type RunContext, RunFailedError, type ShapeHandler, type ShapeIO } from './context.js';
import type { ShapeCounters } from './ports.js';

/** Pushes chunks into shapes depth-first: a chunk goes all the way down before the caller goes on. */
export class ShapeGraph {
  private readonly targets = new Map<string, string>();
  private readonly started = new Set<string>();

  constructor(
    process: ProcessDefinition,
    private readonly ctx: RunContext,
    private readonly handlers: Map<string, { shape: Shape; handler: ShapeHandler }>,
  ) {
    for (const e of process.edges) this.targets.set(`${e.from}\u0000${e.handle}`, e.to);
    for (const s of process.shapes) ctx.counters[s.id] = { in: 0, out: 0, failed: 0, skipped: 0, timeMs: 0 };
  }

  /** Runs a chunk through a shape and everything below it. */
  async push(shapeId: string, documents: Document[]): Promise<void> {
    const { ctx } = this;
    if (documents.length === 0 || ctx.stoppedBy !== undefined) return;
    const entry = this.handlers.get(shapeId)!;
    const counters = ctx.counters[shapeId]!;
    if (!this.started.has(shapeId)) {
      this.started.add(shapeId);
      ctx.ports.events?.emit({
        type: 'shapeStarted',
        executionId: ctx.executionId,
        shapeId,
        at: new Date().toISOString(),
      });
    }
    counters.in += documents.length;
    await ctx.keeper.add(shapeId, 'in', documents);
    const begin = performance.now();
    let below = 0;
    const io: ShapeIO = {
      counters,
      wanted: (handle) => this.targets.has(`${shapeId}\u0000${handle}`) || ctx.keeper.wantsOut(shapeId),
      countOut: (count) => {
        counters.out += count;
      },
      emit: async (handle, out) => {
        if (out.length === 0) return;
        counters.out += out.length;
        await ctx.keeper.add(shapeId, 'out', out);
        const t = performance.now();
        await this.route(shapeId, handle, out);
        below += performance.now() - t;
      },
      fail: async (failures) => {
        if (failures.length === 0) return;
        const t = performance.now();
        await this.fail(entry.shape, counters, failures);
        below += performance.now() - t;
      },
    };
    try {
      await entry.handler(documents, io);
    } finally {
      // Also when a failure ends the run: the shape that failed it took its time too.
      counters.timeMs += performance.now() - begin - below;
    }
  }

  private async route(shapeId: string, handle: string, documents: Document[]): Promise<void> {
    const to = this.targets.get(`${shapeId}\u0000${handle}`);
    if (!to) return; // an unconnected output ends the documents' path
    const size = this.ctx.chunkSize;
    if (documents.length <= size) return this.push(to, documents);
    for (let i = 0; i < documents.length; i += size) await this.push(to, documents.slice(i, i + size));
  }

  /** Records failed documents, then sends them down the error path or fails the run, as the shape says. */
  private async fail(shape: Shape, counters: ShapeCounters, failures: Failure[]): Promise<void> {
    const { ctx } = this;
    counters.failed += failures.length;
    counters.failedBy ??= {};
    for (const { error } of failures) {
      const code = error.code ?? 'failed';
      counters.failedBy[code] = (counters.failedBy[code] ?? 0) + 1;
    }
    const failed = failures.map(({ document, error }) => ({
      ...document,
      error: { ...error, shapeId: shape.id },
    }));
    await ctx.keeper.add(shape.id, 'failed', failed);
    for (const doc of failed) {
      ctx.ports.events?.emit({
        type: 'documentFailed',
        executionId: ctx.executionId,
        shapeId: shape.id,
        documentId: doc.id,
        error: doc.error,
      });
    }
    if ('onError' in shape && shape.onError === 'errorPath') return this.route(shape.id, 'error', failed);
    const first = failed[0]!;
    throw new RunFailedError(shape.id, first.id, first.error.message, shape.name);
  }
}
