import type { ExecutionMode, MapDefinition, Profile } from '@flowline/contracts';
import type { Document, DocumentError } from '../model/document.js';

/** A connection plus one of its operations, as a shape names them. */
export interface OperationRef {
  connectionId: string;
  operationId: string;
}

export type OperationKind = 'query' | 'get' | 'create' | 'update' | 'upsert' | 'delete' | 'execute';

/** What the engine needs to know of an operation component (its profiles are snapshots from `$metadata`). */
export interface OperationInfo {
  /** Absent while the operation's builder has no action chosen: it exists, but cannot run yet. */
  kind?: OperationKind;
  /** The operation's name, for messages (ids mean nothing to the person reading them). */
  name?: string;
  entitySet?: string;
  /** The documents the operation takes (writes, actions). */
  requestProfile?: Profile;
  /** The documents the operation returns (reads, and writes that return the record). */
  responseProfile?: Profile;
  /** The operation's own If-Match (a shape's `tracked`, its default, defers to it). */
  ifMatch?: 'tracked' | 'any' | 'none';
}

/** Looks up the components a process refers to; `undefined` when there is no such component. */
export interface ResolverPort {
  operation(ref: OperationRef): Promise<OperationInfo | undefined>;
  map(mapId: string): Promise<MapDefinition | undefined>;
}

/** One record as the connector reads or returns it (the connector's `TrackedRecord`). */
export interface OperationRecord {
  data: Record<string, unknown>;
  etag?: string;
  key?: Record<string, unknown>;
  dataAreaId?: string;
}

/** One document to write. */
export interface WriteItem {
  documentId: string;
  data: Record<string, unknown>;
  /** Parameters resolved for this document (key parts, action arguments...). */
  parameters: Record<string, unknown>;
  /** The tracked key of the document, when it has one (updates and deletes address it). */
  key?: Record<string, unknown>;
  /** The ETag to send as If-Match (`ifMatch: 'tracked'`). */
  etag?: string;
  ifMatch: 'tracked' | '*' | 'none';
  /**
   * A previous attempt recorded this write as started but never as finished: the connector must
   * look the record up by key before repeating a create (and report `uncertain` if it cannot tell).
   */
  verify?: boolean;
}

/** The outcome of one write, in the order of the items. */
export interface WriteOutcome {
  documentId: string;
  ok: boolean;
  /** The record as written (server defaults included), when the service returned it. */
  data?: Record<string, unknown>;
  etag?: string;
  key?: Record<string, unknown>;
  dataAreaId?: string;
  /** The outcome is unknown (connection lost after sending and no key to check). */
  uncertain?: boolean;
  /** A preview's outcome: the request the write would have sent (`PATCH CustomersV3(…)`)… */
  request?: string;
  /** …and for an update, the fields it would change (`Name: "A" → "B"`, or `nothing`). */
  changes?: string;
  error?: { message: string; code?: string; status?: number };
}

/**
 * The connector as the engine sees it. The server implements it over `@flowline/d365-connector`
 * (grouping writes into `$batch` change sets when the operation asks for it, applying the
 * per-connection concurrency limit).
 */
export interface OperationPort {
  /** Reads (`query`, `get`): pages of records; only one page is held at a time. */
  read(
    ref: OperationRef,
    parameters: Record<string, unknown>,
    options: { signal: AbortSignal },
  ): AsyncIterable<OperationRecord[]>;
  /**
   * Writes (`create`, `update`, `upsert`, `delete`, `execute`): one outcome per item, never a throw per
   * item. `preview`: sends nothing; each outcome is the `request` it would have sent, the `data` of its
   * body and an update's `changes`, or the refusal it would meet (a missing key, a record that exists
   * or does not).
   */
  write(
    ref: OperationRef,
    items: WriteItem[],
    options: { signal: AbortSignal; preview?: boolean },
  ): Promise<WriteOutcome[]>;
}

/** Where a document's write stands; recorded before (`pending`) and after the write. */
export type WriteState = 'pending' | 'written' | 'failed' | 'uncertain';

export interface WriteRecord {
  documentId: string;
  state: WriteState;
  key?: Record<string, unknown>;
  etag?: string;
  dataAreaId?: string;
  error?: string;
}

export interface ShapeCounters {
  in: number;
  out: number;
  failed: number;
  /** Documents whose write a previous attempt had already done (resume). */
  skipped: number;
  /** Time spent in the shape itself, downstream shapes excluded. */
  timeMs: number;
  /**
   * A preview's write shape: its documents by what their write would do (`create`, `update`,
   * `unchanged`: an update that changes no value, `delete`, `execute`), or the refusal it would meet
   * (`refused:no-key`, `refused:exists`, `refused:not-found`, `refused:changed`, `refused:other`).
   */
  would?: Record<string, number>;
  /**
   * Updates and deletes conditional on the tracked ETag whose document carried none: sent (or, in a
   * preview, to be sent) without If-Match, they overwrite whatever the record held.
   */
  unconditional?: number;
  /** Failed documents by their error's code (`412`, `ValidationError`, `map-failed`…; `failed` when none). */
  failedBy?: Record<string, number>;
}

/** A document kept for inspection: what came in, what went out, what failed. */
export interface KeptDocument {
  shapeId: string;
  direction: 'in' | 'out' | 'failed';
  document: Document;
}

export interface LogEntry {
  at: string;
  level: 'info' | 'warn' | 'error';
  shapeId?: string;
  message: string;
}

/**
 * The execution's record. Over PostgreSQL: one row per (execution, shape, document) write state
 * (unique key; intents inserted, outcomes updated), documents and logs appended, counters upserted
 * per shape. Every call is awaited before the engine goes on, so a crash loses nothing recorded.
 */
export interface StoragePort {
  /** Write states of these documents at this shape from earlier attempts (only asked when resuming). */
  loadWriteStates(
    executionId: string,
    shapeId: string,
    documentIds: string[],
  ): Promise<Map<string, WriteRecord>>;
  /** Marks writes as started (`pending`) BEFORE they are sent. */
  recordWriteIntents(executionId: string, shapeId: string, intents: WriteRecord[]): Promise<void>;
  /** Records the outcome of each write AFTER it returned. */
  recordWriteOutcomes(executionId: string, shapeId: string, outcomes: WriteRecord[]): Promise<void>;
  keepDocuments(executionId: string, documents: KeptDocument[]): Promise<void>;
  appendLogs(executionId: string, entries: LogEntry[]): Promise<void>;
  /** Per-shape counters after each chunk (also a heartbeat). */
  saveProgress(executionId: string, shapes: Record<string, ShapeCounters>): Promise<void>;
}

export type ExecutionStatus = 'succeeded' | 'failed' | 'cancelled';

/** What the engine tells the world as it runs (the server relays these as server-sent events). */
export type ExecutionEvent =
  | { type: 'started'; executionId: string; mode: ExecutionMode; at: string }
  | { type: 'shapeStarted'; executionId: string; shapeId: string; at: string }
  | { type: 'progress'; executionId: string; shapes: Record<string, ShapeCounters> }
  | { type: 'documentFailed'; executionId: string; shapeId: string; documentId: string; error: DocumentError }
  | { type: 'log'; executionId: string; entry: LogEntry }
  | {
      type: 'finished';
      executionId: string;
      status: ExecutionStatus;
      shapes: Record<string, ShapeCounters>;
      error?: string;
      at: string;
    };

export interface EventPort {
  emit(event: ExecutionEvent): void;
}

/** Everything the engine needs from its host. */
export interface EnginePorts {
  operations: OperationPort;
  resolver: ResolverPort;
  storage: StoragePort;
  events?: EventPort;
}
