import type { MapDefinition } from '@flowline/contracts';
import type {
  EnginePorts,
  EventPort,
  ExecutionEvent,
  KeptDocument,
  LogEntry,
  OperationInfo,
  OperationPort,
  OperationRecord,
  OperationRef,
  ResolverPort,
  ShapeCounters,
  StoragePort,
  WriteItem,
  WriteOutcome,
  WriteRecord,
} from '../runtime/ports.js';

/** An operation of the in-memory connector: what it is, what it reads, what a write does. */
export interface MemoryOperation {
  info: OperationInfo;
  /** Pages a read yields for these parameters. */
  read?: (
    parameters: Record<string, unknown>,
  ) => Iterable<OperationRecord[]> | AsyncIterable<OperationRecord[]>;
  /** The outcome of writing one item (default: ok, with `etag` `W/"1"`). */
  write?: (item: WriteItem) => WriteOutcome | Promise<WriteOutcome>;
}

/**
 * The engine's ports in memory, for tests and benchmarks: operations by operation id, maps by id,
 * write states, kept documents, logs, progress and events in arrays and maps.
 */
export function createMemoryPorts(
  operations: Record<string, MemoryOperation>,
  maps: Record<string, MapDefinition> = {},
  options: { recordWriteStates?: boolean; keepDocuments?: boolean; collectEvents?: boolean } = {},
): EnginePorts & { storage: MemoryStorage; events: MemoryEvents } {
  const find = (ref: OperationRef): MemoryOperation => {
    const op = operations[ref.operationId];
    if (!op) throw new Error(`No in-memory operation "${ref.operationId}"`);
    return op;
  };
  const port: OperationPort = {
    read(ref, parameters) {
      const op = find(ref);
      if (!op.read) throw new Error(`Operation "${ref.operationId}" cannot read`);
      return toAsync(op.read(parameters));
    },
    async write(ref, items, { signal, preview }) {
      const op = find(ref);
      // A preview sends nothing: `op.write` is not called, each item answers what it would send.
      const request = `${op.info.kind ?? 'write'} ${op.info.entitySet ?? ''}`.trim();
      if (preview) return items.map((i) => ({ documentId: i.documentId, ok: true, request, data: i.data }));
      const outcomes: WriteOutcome[] = [];
      for (const item of items) {
        signal.throwIfAborted();
        outcomes.push(
          op.write ? await op.write(item) : { documentId: item.documentId, ok: true, etag: 'W/"1"' },
        );
      }
      return outcomes;
    },
  };
  const resolver: ResolverPort = {
    operation: async (ref) => operations[ref.operationId]?.info,
    map: async (id) => maps[id],
  };
  return {
    operations: port,
    resolver,
    storage: new MemoryStorage(options.recordWriteStates !== false, options.keepDocuments !== false),
    events: new MemoryEvents(options.collectEvents !== false),
  };
}

async function* toAsync<T>(source: Iterable<T> | AsyncIterable<T>): AsyncGenerator<T> {
  yield* source;
}

/** StoragePort in memory; `writeStates` is keyed `<shape>/<document>`. */
export class MemoryStorage implements StoragePort {
  readonly writeStates = new Map<string, WriteRecord>();
  readonly kept: KeptDocument[] = [];
  readonly logs: LogEntry[] = [];
  progress: Record<string, ShapeCounters> = {};
  /** Every intent and outcome in order, for tests that check "before and after". */
  readonly journal: { kind: 'intent' | 'outcome'; shapeId: string; record: WriteRecord }[] = [];

  constructor(
    private readonly recordStates = true,
    private readonly keep = true,
  ) {}

  async loadWriteStates(_: string, shapeId: string, ids: string[]): Promise<Map<string, WriteRecord>> {
    const found = new Map<string, WriteRecord>();
    for (const id of ids) {
      const r = this.writeStates.get(`${shapeId}/${id}`);
      if (r) found.set(id, r);
    }
    return found;
  }
  async recordWriteIntents(_: string, shapeId: string, intents: WriteRecord[]): Promise<void> {
    if (!this.recordStates) return;
    for (const r of intents) {
      this.writeStates.set(`${shapeId}/${r.documentId}`, r);
      this.journal.push({ kind: 'intent', shapeId, record: r });
    }
  }
  async recordWriteOutcomes(_: string, shapeId: string, outcomes: WriteRecord[]): Promise<void> {
    if (!this.recordStates) return;
    for (const r of outcomes) {
      this.writeStates.set(`${shapeId}/${r.documentId}`, r);
      this.journal.push({ kind: 'outcome', shapeId, record: r });
    }
  }
  async keepDocuments(_: string, documents: KeptDocument[]): Promise<void> {
    if (this.keep) this.kept.push(...documents);
  }
  async appendLogs(_: string, entries: LogEntry[]): Promise<void> {
    this.logs.push(...entries);
  }
  async saveProgress(_: string, shapes: Record<string, ShapeCounters>): Promise<void> {
    this.progress = shapes;
  }
}

/** EventPort collecting every event. */
export class MemoryEvents implements EventPort {
  readonly events: ExecutionEvent[] = [];
  constructor(private readonly collect = true) {}
  emit(event: ExecutionEvent): void {
    if (this.collect) this.events.push(event);
  }
}
