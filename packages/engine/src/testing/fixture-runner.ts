import type { MapDefinition, ProcessDefinition } from '@flowline/contracts';
import { readPath } from '../model/document.js';
import type { OperationInfo, OperationRecord, WriteItem, WriteOutcome } from '../runtime/ports.js';
import { type ExecutionResult, type RunOptions, runProcess } from '../runtime/run-process.js';
import { createMemoryPorts, type MemoryOperation } from './memory-ports.js';

/** An operation of a fixture: what it reads and when its writes fail. */
export interface FixtureOperation {
  info: OperationInfo;
  /** Pages a read returns. */
  pages?: OperationRecord[][];
  /** Generated records `{ n }` with key `{ Id: n }`, in pages of `pageSize` (default 100). */
  generate?: { count: number; pageSize?: number };
  /** Keeps only records whose `field` equals the read parameter `parameter`. */
  filter?: { parameter: string; field: string };
  /** Reads whose parameter `parameter` equals `equals` throw `message`. */
  readFails?: { parameter: string; equals: unknown; message: string };
  /** Writes of documents whose `field` equals `equals` fail (or end `uncertain`). */
  writeFails?: { field: string; equals: unknown; message: string; status?: number; uncertain?: boolean }[];
}

/** A JSON process fixture: the process, its components, how to run it and what must come out. */
export interface ProcessFixture {
  description: string;
  process: ProcessDefinition;
  operations?: Record<string, FixtureOperation>;
  maps?: Record<string, MapDefinition>;
  run?: Omit<RunOptions, 'executionId' | 'signal' | 'documents'> & {
    documents?: { id?: string; data: Record<string, unknown> }[];
  };
  expect: {
    status: ExecutionResult['status'];
    /** A substring of the result's error. */
    error?: string;
    stoppedBy?: string;
    /** Counters by shape (time left out). */
    shapes?: Record<string, { in?: number; out?: number; failed?: number; skipped?: number }>;
    /** Items written, by operation id, in order (matched partially). */
    written?: Record<string, Partial<WriteItem>[]>;
    /** Data of the documents that arrived at a shape (test mode keeps them), in order. */
    arrived?: Record<string, Record<string, unknown>[]>;
    /** Ids of the documents that arrived at a shape, in order. */
    arrivedIds?: Record<string, string[]>;
    /** Failed documents by shape: id and a substring of the message. */
    failed?: Record<string, { id: string; message: string; code?: string }[]>;
    processProperties?: Record<string, unknown>;
  };
}

/** What a fixture run produced, in the shape of its `expect`. */
export interface FixtureOutcome {
  result: ExecutionResult;
  written: Record<string, WriteItem[]>;
  arrived: Record<string, Record<string, unknown>[]>;
  arrivedIds: Record<string, string[]>;
  failed: Record<string, { id: string; message: string; code?: string }[]>;
}

/** Runs a fixture with in-memory ports. */
export async function runFixture(fixture: ProcessFixture): Promise<FixtureOutcome> {
  const written: Record<string, WriteItem[]> = {};
  const operations: Record<string, MemoryOperation> = {};
  for (const [id, op] of Object.entries(fixture.operations ?? {})) {
    operations[id] = {
      info: op.info,
      read: (params) => read(op, params),
      write: (item) => write(op, id, item, written),
    };
  }
  const ports = createMemoryPorts(operations, fixture.maps ?? {});
  const { documents, ...run } = fixture.run ?? {};
  const result = await runProcess(fixture.process, ports, {
    executionId: 'fixture',
    mode: 'test',
    ...run,
    ...(documents ? { documents } : {}),
  });
  const outcome: FixtureOutcome = { result, written, arrived: {}, arrivedIds: {}, failed: {} };
  for (const kept of ports.storage.kept) {
    if (kept.direction === 'in') {
      listOf(outcome.arrived, kept.shapeId).push(kept.document.data);
      listOf(outcome.arrivedIds, kept.shapeId).push(kept.document.id);
    } else if (kept.direction === 'failed') {
      const e = kept.document.error!;
      listOf(outcome.failed, kept.shapeId).push({
        id: kept.document.id,
        message: e.message,
        ...(e.code ? { code: e.code } : {}),
      });
    }
  }
  return outcome;
}

function* read(op: FixtureOperation, params: Record<string, unknown>): Generator<OperationRecord[]> {
  if (op.readFails && params[op.readFails.parameter] === op.readFails.equals)
    throw new Error(op.readFails.message);
  const keep = (r: OperationRecord) => !op.filter || r.data[op.filter.field] === params[op.filter.parameter];
  for (const page of op.pages ?? []) yield page.filter(keep);
  if (op.generate) {
    const size = op.generate.pageSize ?? 100;
    for (let start = 0; start < op.generate.count; start += size) {
      const page: OperationRecord[] = [];
      for (let n = start; n < Math.min(start + size, op.generate.count); n++)
        page.push({ data: { n }, key: { Id: n } });
      yield page;
    }
  }
}

function write(
  op: FixtureOperation,
  id: string,
  item: WriteItem,
  written: Record<string, WriteItem[]>,
): WriteOutcome {
  const failure = op.writeFails?.find((f) => readPath(item.data, f.field) === f.equals);
  if (failure) {
    return {
      documentId: item.documentId,
      ok: false,
      ...(failure.uncertain ? { uncertain: true } : {}),
      error: { message: failure.message, ...(failure.status ? { status: failure.status } : {}) },
    };
  }
  const list = listOf(written, id);
  list.push(item);
  const n = list.length;
  return { documentId: item.documentId, ok: true, etag: `W/"${n}"`, data: { ...item.data, written: true } };
}

function listOf<T>(record: Record<string, T[]>, key: string): T[] {
  let list = record[key];
  if (!list) {
    list = [];
    record[key] = list;
  }
  return list;
}
