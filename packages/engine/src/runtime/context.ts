import type { ExecutionMode } from '@flowline/contracts';
import type { Document, DocumentError } from '../model/document.js';
import type { Keeper } from './keeper.js';
import type { EnginePorts, ShapeCounters } from './ports.js';

/** The state of one execution, shared by its shapes. */
export interface RunContext {
  executionId: string;
  mode: ExecutionMode;
  ports: EnginePorts;
  signal: AbortSignal;
  chunkSize: number;
  /** A resumed execution: writes consult the recorded write states first. */
  resume: boolean;
  processProperties: Record<string, unknown>;
  counters: Record<string, ShapeCounters>;
  keeper: Keeper;
  /** Set by a stop shape that ends the run. */
  stoppedBy?: string;
}

/** A document that failed at a shape, with why. */
export interface Failure {
  document: Document;
  error: Omit<DocumentError, 'shapeId'>;
}

/** What a shape's handler may do with a chunk: send documents out of a handle, fail some. */
export interface ShapeIO {
  emit(handle: string, documents: Document[]): Promise<void>;
  fail(failures: Failure[]): Promise<void>;
  /**
   * Whether documents sent out of a handle would be used (an edge leaves it, or the record keeps
   * them); when not, a handler may skip building them and only `countOut`.
   */
  wanted(handle: string): boolean;
  countOut(count: number): void;
  counters: ShapeCounters;
}

/** One shape's behaviour: takes a chunk (at most `chunkSize` documents) and emits or fails each. */
export type ShapeHandler = (documents: Document[], io: ShapeIO) => Promise<void>;

/** A document failed on a shape whose choice is "fail the run". */
export class RunFailedError extends Error {
  override name = 'RunFailedError';
  /** `shapeName`: what the canvas calls the shape, which the message says rather than its id. */
  constructor(
    readonly shapeId: string,
    readonly documentId: string,
    detail: string,
    shapeName?: string,
  ) {
    super(`Shape "${shapeName ?? shapeId}" failed document "${documentId}": ${detail}`);
  }
}

/** Wraps an error thrown further down the graph so a shape's own error handling lets it pass. */
export class DownstreamError extends Error {
  override name = 'DownstreamError';
}

/** Runs `emit` so that whatever it throws is not mistaken for this shape's own failure. */
export async function passDown(run: () => Promise<void>): Promise<void> {
  try {
    await run();
  } catch (e) {
    throw new DownstreamError('downstream', { cause: e });
  }
}

/** The original error behind any DownstreamError wrapping. */
export function unwrap(e: unknown): unknown {
  let current = e;
  while (current instanceof DownstreamError) current = current.cause;
  return current;
}

export function errorMessage(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}
