import type { StartShape } from '@flowline/contracts';
import { createDocument, type Document, idFromKey } from '../model/document.js';
import type { RunContext } from './context.js';
import type { OperationInfo } from './ports.js';
import { documentFromRecord } from './shapes/connector-read.js';

/** A document handed in by the caller; without an id it gets `doc-<n>` (its position). */
export interface InputDocument {
  id?: string;
  data: Record<string, unknown>;
  /** Properties carried over (re-running failed documents keeps their tracked ETag and key). */
  properties?: Document['properties'];
}

export type InputDocuments = Iterable<InputDocument> | AsyncIterable<InputDocument>;

/**
 * The start shape's documents in chunks of at most `chunkSize`, read lazily: the next page is only
 * asked for when the previous chunk has gone all the way down. Ids are stable across attempts:
 * the entity key when the record has one, else `p<page>-<index>` (stable for an ordered query).
 */
export async function* startChunks(
  shape: StartShape,
  info: OperationInfo | undefined,
  ctx: RunContext,
  limit: number,
  input: InputDocuments | undefined,
): AsyncGenerator<Document[]> {
  let taken = 0;
  let chunk: Document[] = [];
  const take = (doc: Document): boolean => {
    chunk.push(doc);
    taken++;
    return taken < limit;
  };
  const config = shape.config;
  if (config.mode === 'none') {
    yield [createDocument('start', {})];
    return;
  }
  if (config.mode === 'documents') {
    let n = 0;
    for await (const d of input ?? []) {
      const more = take(toDocument(d, n));
      n++;
      if (chunk.length >= ctx.chunkSize) yield flush();
      if (!more) break;
    }
  } else {
    const ref = { connectionId: config.connectionId!, operationId: config.operationId! };
    let page = 0;
    outer: for await (const records of ctx.ports.operations.read(ref, config.parameters ?? {}, {
      signal: ctx.signal,
    })) {
      for (let i = 0; i < records.length; i++) {
        const r = records[i]!;
        const more = take(documentFromRecord(r.key ? idFromKey(r.key) : `p${page}-${i}`, r, info?.entitySet));
        if (chunk.length >= ctx.chunkSize) yield flush();
        if (!more) break outer;
      }
      page++;
    }
  }
  if (chunk.length > 0) yield chunk;

  function flush(): Document[] {
    const full = chunk;
    chunk = [];
    return full;
  }
}

/** A caller's document as the engine carries it. */
export function toDocument(d: InputDocument, n: number): Document {
  const doc = createDocument(d.id ?? `doc-${n}`, d.data);
  if (d.properties) doc.properties = { tracked: { ...d.properties.tracked }, user: { ...d.properties.user } };
  return doc;
}

/** Caller documents in chunks (for `startAt`). */
export async function* inputChunks(input: InputDocuments, size: number): AsyncGenerator<Document[]> {
  let chunk: Document[] = [];
  let n = 0;
  for await (const d of input) {
    chunk.push(toDocument(d, n++));
    if (chunk.length >= size) {
      yield chunk;
      chunk = [];
    }
  }
  if (chunk.length > 0) yield chunk;
}
