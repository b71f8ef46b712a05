import type { ExecutionMode, ProcessDefinition, StartShape } from '@flowline/contracts';
import { validateProcess } from '../validate/validate-process.js';
import { buildHandlers, ProcessInvalidError } from './build-handlers.js';
import { errorMessage, type RunContext, RunFailedError } from './context.js';
import { failuresText } from './failures-text.js';
import { Keeper } from './keeper.js';
import type { EnginePorts, ExecutionStatus, LogEntry, ShapeCounters } from './ports.js';
import { ShapeGraph } from './shape-runner.js';
import { type InputDocuments, inputChunks, startChunks } from './start-source.js';

/** How many documents a test run takes from its start. */
export const TEST_LIMIT = 100;

export interface RunOptions {
  /** The execution's id: every storage call and event carries it. */
  executionId: string;
  /**
   * `test`: at most `testLimit` documents from the start, every document kept. `preview`: the same, and
   * writes are not sent (each shows the request it would send). `full` (default): samples and failures.
   */
  mode?: ExecutionMode;
  /** Documents for a start shape in `documents` mode. */
  documents?: InputDocuments;
  /** Stops the execution between chunks (and is passed to every port call). */
  signal?: AbortSignal;
  /**
   * This execution ran before and was interrupted: writes already recorded as done are skipped and
   * those started but never finished are verified by key (the storage port's write states decide).
   */
  resume?: boolean;
  /**
   * Runs these documents from this shape instead of reading the start shape: re-running the failed
   * documents of an execution at the shape they failed at (they keep their ids and properties).
   */
  startAt?: { shapeId: string; documents: InputDocuments };
  /** Documents per chunk (default 500). */
  chunkSize?: number;
  /** Documents kept per shape in full mode (default 10). */
  sampleSize?: number;
  /** Start documents in test mode (default 100). */
  testLimit?: number;
}

export interface ExecutionResult {
  executionId: string;
  status: ExecutionStatus;
  shapes: Record<string, ShapeCounters>;
  /** Why the execution failed; names the shape and document at fault. */
  error?: string;
  /** The stop shape that ended the run, if one did. */
  stoppedBy?: string;
  processProperties: Record<string, unknown>;
  startedAt: string;
  finishedAt: string;
}

/**
 * Runs a process: the start shape's documents stream through the graph in chunks, each chunk
 * pushed depth-first through every shape below before the next one is read, so memory stays
 * bounded whatever the number of records. Never throws for what happens to documents (that is the
 * result's status); throws ProcessInvalidError, before running anything, when the process cannot run.
 * @example
 * const result = await runProcess(process, { operations, resolver, storage, events }, { executionId: 'e1', mode: 'test' });
 */
export async function runProcess(
  process: ProcessDefinition,
  ports: EnginePorts,
  options: RunOptions,
): Promise<ExecutionResult> {
  const problems = validateProcess(process);
  if (problems.length > 0) throw new ProcessInvalidError(problems);
  const { executionId } = options;
  const mode = options.mode ?? 'full';
  const signal = options.signal ?? new AbortController().signal;
  const ctx: RunContext = {
    executionId,
    mode,
    ports,
    signal,
    chunkSize: options.chunkSize ?? 500,
    resume: options.resume === true,
    processProperties: { ...(process.properties ?? {}) },
    counters: {},
    keeper: new Keeper(ports.storage, executionId, mode, options.sampleSize ?? 10),
  };
  const built = await buildHandlers(process, ctx);
  const graph = new ShapeGraph(process, ctx, built.handlers);
  const start = process.shapes.find((s): s is StartShape => s.kind === 'start')!;
  const startedAt = new Date().toISOString();
  ports.events?.emit({ type: 'started', executionId, mode, at: startedAt });
  const limit = mode === 'full' ? Number.POSITIVE_INFINITY : (options.testLimit ?? TEST_LIMIT);
  let status: ExecutionStatus = 'succeeded';
  let error: string | undefined;
  try {
    signal.throwIfAborted();
    const entry = options.startAt?.shapeId ?? start.id;
    if (!built.handlers.has(entry)) throw new Error(`startAt names shape "${entry}", which does not exist`);
    const chunks = options.startAt
      ? inputChunks(options.startAt.documents, ctx.chunkSize)
      : startChunks(start, built.startInfo, ctx, limit, options.documents);
    // Time spent waiting for the start's pages is the start shape's own time.
    let waited = performance.now();
    for await (const chunk of chunks) {
      ctx.counters[entry]!.timeMs += performance.now() - waited;
      await graph.push(entry, chunk);
      await checkpoint(ctx);
      if (ctx.stoppedBy !== undefined) break;
      signal.throwIfAborted();
      waited = performance.now();
    }
    // A test run that stopped its start at the limit says so: the counts are not the whole source.
    if (!options.startAt && mode !== 'full' && (ctx.counters[start.id]?.out ?? 0) >= limit) {
      await log(ctx, {
        level: 'info',
        shapeId: start.id,
        message: `A ${mode === 'test' ? 'test run' : 'preview'} takes the first ${limit} documents from the start; a full run takes every one.`,
      });
    }
  } catch (e) {
    status = signal.aborted ? 'cancelled' : 'failed';
    error = signal.aborted ? 'The execution was cancelled.' : errorMessage(e);
    if (!(e instanceof RunFailedError) && !signal.aborted && e instanceof Error && e.stack) {
      await log(ctx, { level: 'error', message: e.stack });
    }
  }
  // What was done before a cancel or a failure is recorded all the same.
  await checkpoint(ctx);
  await summarise(ctx);
  const finishedAt = new Date().toISOString();
  const result: ExecutionResult = {
    executionId,
    status,
    shapes: ctx.counters,
    processProperties: ctx.processProperties,
    startedAt,
    finishedAt,
  };
  if (error !== undefined) result.error = error;
  if (ctx.stoppedBy !== undefined) result.stoppedBy = ctx.stoppedBy;
  ports.events?.emit({
    type: 'finished',
    executionId,
    status,
    shapes: ctx.counters,
    ...(error ? { error } : {}),
    at: finishedAt,
  });
  return result;
}

/** After each chunk: kept documents and counters to storage (a heartbeat too), progress to listeners. */
async function checkpoint(ctx: RunContext): Promise<void> {
  await ctx.keeper.flush();
  const shapes: Record<string, ShapeCounters> = {};
  for (const id in ctx.counters) {
    const c = { ...ctx.counters[id]! };
    if (c.would) c.would = { ...c.would };
    if (c.failedBy) c.failedBy = { ...c.failedBy };
    shapes[id] = c;
  }
  await ctx.ports.storage.saveProgress(ctx.executionId, shapes);
  ctx.ports.events?.emit({ type: 'progress', executionId: ctx.executionId, shapes });
}

async function log(ctx: RunContext, entry: Omit<LogEntry, 'at'>): Promise<void> {
  const full: LogEntry = { at: new Date().toISOString(), ...entry };
  await ctx.ports.storage.appendLogs(ctx.executionId, [full]);
  ctx.ports.events?.emit({ type: 'log', executionId: ctx.executionId, entry: full });
}

/**
 * The log lines a person reads first: failures, skipped writes and writes without a condition by
 * shape, and who stopped the run.
 */
async function summarise(ctx: RunContext): Promise<void> {
  for (const [shapeId, c] of Object.entries(ctx.counters)) {
    if (c.failed > 0) {
      const why = failuresText(c.failedBy ?? {});
      await log(ctx, { level: 'warn', shapeId, message: `${c.failed} document(s) failed here: ${why}.` });
    }
    if (c.skipped > 0) {
      await log(ctx, {
        level: 'info',
        shapeId,
        message: `${c.skipped} write(s) done by an earlier attempt were skipped.`,
      });
    }
    if (c.unconditional) {
      const sent = ctx.mode === 'preview' ? 'would be sent' : 'were sent';
      await log(ctx, {
        level: 'warn',
        shapeId,
        message: `${c.unconditional} write(s) ${sent} without If-Match: their documents carried no ETag (the records were not read first), so each overwrites whatever its record holds, changes made since included. Read the records first, or set this shape's If-Match to none to say that is meant.`,
      });
    }
  }
  if (ctx.stoppedBy)
    await log(ctx, { level: 'info', shapeId: ctx.stoppedBy, message: 'A stop shape ended the run.' });
}
