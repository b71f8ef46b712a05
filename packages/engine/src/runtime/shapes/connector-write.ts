import type { ConnectorShape } from '@flowline/contracts';
import type { Document, TrackedProperties } from '../../model/document.js';
import { errorMessage, type Failure, type RunContext, type ShapeHandler, type ShapeIO } from '../context.js';
import type { OperationInfo, OperationRef, WriteItem, WriteOutcome, WriteRecord } from '../ports.js';
import { resolveParameters } from '../values.js';

/**
 * Connector shape with a write (`create`, `update`, `upsert`, `delete`, `execute`), chunk by chunk:
 * 1. when resuming, documents a previous attempt wrote are skipped (and go on with the recorded
 *    key and ETag); those it started but never finished are sent with `verify` (check by key first);
 * 2. the write state of each document is recorded `pending` BEFORE the write;
 * 3. the connector writes the chunk (grouping into `$batch` change sets is its business);
 * 4. each outcome (`written`, `failed`, `uncertain`) is recorded AFTER, then documents go on or fail.
 * A preview sends nothing and records no write state (see `preview`).
 */
export function connectorWriteHandler(
  shape: ConnectorShape,
  ref: OperationRef,
  info: OperationInfo,
  ctx: RunContext,
): ShapeHandler {
  const { storage, operations } = ctx.ports;
  const ifMatch = shape.config.ifMatch ?? 'tracked';
  // Only updates and deletes address an existing record: a create after a read carries the source
  // record's key and ETag, which must not leak into the write (the connector takes a create's key from its payload).
  const addresses = info.kind === 'update' || info.kind === 'delete';
  const itemOf = (doc: Document, previous?: WriteRecord): WriteItem => {
    const item: WriteItem = {
      documentId: doc.id,
      data: doc.data,
      parameters: resolveParameters(shape.config.parameters, doc, ctx.processProperties),
      ifMatch,
    };
    const { key, etag } = doc.properties.tracked;
    if (key && addresses) item.key = key;
    if (etag && addresses && ifMatch === 'tracked') item.etag = etag;
    if (previous?.state === 'pending' || previous?.state === 'uncertain') item.verify = true;
    return item;
  };
  return async (docs, io) => {
    if (ctx.mode === 'preview') return preview(docs, io);
    let todo = docs;
    const skipped: Document[] = [];
    let previous: Map<string, WriteRecord> | undefined;
    if (ctx.resume) {
      previous = await storage.loadWriteStates(
        ctx.executionId,
        shape.id,
        docs.map((d) => d.id),
      );
      todo = [];
      for (const doc of docs) {
        const done = previous.get(doc.id);
        if (done?.state === 'written') skipped.push(withTracked(doc, done, info));
        else todo.push(doc);
      }
      io.counters.skipped += skipped.length;
    }
    const items = todo.map((doc) => itemOf(doc, previous?.get(doc.id)));
    countUnconditional(items, io);
    const outcomes = items.length > 0 ? await write(items) : [];
    // A write at the end of a path (the usual case) needs no output documents, only their count.
    const build = io.wanted('out');
    const out = build ? [...skipped] : [];
    let ok = skipped.length;
    const failed: Failure[] = [];
    todo.forEach((doc, i) => {
      const o = outcomes[i]!;
      if (o.ok) {
        if (build) out.push(withTracked(doc, o, info, o.data));
        else ok++;
      } else {
        failed.push({
          document: doc,
          error: { message: o.error?.message ?? 'the write failed', code: failureCode(o) },
        });
      }
    });
    await io.fail(failed);
    if (build) await io.emit('out', out);
    else io.countOut(ok);
  };

  /**
   * Each document goes on as its write would have sent it (the body, and the request in its tracked
   * properties), or fails as the write would have before sending (a missing key); nothing is recorded,
   * so a preview leaves no write state for a later run to skip.
   */
  async function preview(docs: Document[], io: ShapeIO): Promise<void> {
    const items = docs.map((doc) => itemOf(doc));
    countUnconditional(items, io);
    let outcomes: WriteOutcome[];
    try {
      outcomes = await operations.write(ref, items, { signal: ctx.signal, preview: true });
    } catch (e) {
      if (ctx.signal.aborted) throw e;
      const message = `the preview of the chunk failed: ${errorMessage(e)}`;
      outcomes = items.map((i) => ({ documentId: i.documentId, ok: false, error: { message } }));
    }
    outcomes = alignOutcomes(items, outcomes);
    const out: Document[] = [];
    const failed: Failure[] = [];
    io.counters.would ??= {};
    const would = io.counters.would;
    docs.forEach((doc, i) => {
      const o = outcomes[i]!;
      const what = wouldDo(info.kind, o);
      would[what] = (would[what] ?? 0) + 1;
      if (o.ok) {
        // What an earlier write shape would have sent is not this one's.
        const { request: _request, changes: _changes, ...earlier } = doc.properties.tracked;
        const tracked: TrackedProperties = earlier;
        // A record to be created has no ETag or key yet (those tracked are the record it was read
        // from), and a deleted one no ETag, as after a real write.
        if (what === 'create') {
          delete tracked.etag;
          delete tracked.key;
          delete tracked.dataAreaId;
        } else if (what === 'delete') delete tracked.etag;
        if (info.entitySet !== undefined) tracked.entitySet = info.entitySet;
        if (o.request) tracked.request = o.request;
        if (o.changes) tracked.changes = o.changes;
        out.push({ ...doc, data: o.data ?? doc.data, properties: { ...doc.properties, tracked } });
      } else {
        failed.push({
          document: doc,
          error: { message: o.error?.message ?? 'the write would fail', code: failureCode(o) },
        });
      }
    });
    await io.fail(failed);
    await io.emit('out', out);
  }

  function countUnconditional(items: WriteItem[], io: ShapeIO): void {
    if (!addresses) return;
    const n = items.filter((i) => !i.etag && effectiveIfMatch(i.ifMatch, info.ifMatch) === 'tracked').length;
    if (n > 0) io.counters.unconditional = (io.counters.unconditional ?? 0) + n;
  }

  async function write(items: WriteItem[]): Promise<WriteOutcome[]> {
    await storage.recordWriteIntents(
      ctx.executionId,
      shape.id,
      items.map((i) =>
        i.key
          ? { documentId: i.documentId, state: 'pending', key: i.key }
          : { documentId: i.documentId, state: 'pending' },
      ),
    );
    let outcomes: WriteOutcome[];
    try {
      outcomes = await operations.write(ref, items, { signal: ctx.signal });
    } catch (e) {
      // Cancelled mid-write: the intents stay `pending`, so a resume checks these by key.
      if (ctx.signal.aborted) throw e;
      const message = `the write of the chunk failed, outcome unknown: ${errorMessage(e)}`;
      outcomes = items.map((i) => ({
        documentId: i.documentId,
        ok: false,
        uncertain: true,
        error: { message },
      }));
    }
    outcomes = alignOutcomes(items, outcomes);
    await storage.recordWriteOutcomes(ctx.executionId, shape.id, outcomes.map(toRecord));
    return outcomes;
  }
}

/** The If-Match a write sends: a shape's `tracked` (its default) defers to the operation's own setting. */
export function effectiveIfMatch(
  shape: WriteItem['ifMatch'],
  operation: OperationInfo['ifMatch'],
): WriteItem['ifMatch'] {
  if (shape !== 'tracked') return shape;
  return operation === 'any' ? '*' : operation === 'none' ? 'none' : 'tracked';
}

const REFUSALS = new Set(['no-key', 'exists', 'not-found', 'changed']);

/** What a previewed write of an operation of `kind` would do, or the refusal it would meet. */
function wouldDo(kind: OperationInfo['kind'], o: WriteOutcome): string {
  if (!o.ok) return `refused:${REFUSALS.has(o.error?.code ?? '') ? o.error!.code : 'other'}`;
  if (kind === 'delete' || kind === 'execute') return kind;
  // An update, or an upsert whose record exists; an upsert whose record does not would POST.
  if (o.request?.startsWith('PATCH ')) return o.changes === 'nothing' ? 'unchanged' : 'update';
  return 'create';
}

/** The code a failed document carries: `uncertain`, the connector's, or the HTTP status. */
function failureCode(o: WriteOutcome): string {
  if (o.uncertain) return 'uncertain';
  return o.error?.code ?? (o.error?.status ? String(o.error.status) : 'write-failed');
}

/** Outcomes in item order; a missing outcome is an uncertain one (never silently dropped). */
function alignOutcomes(items: WriteItem[], outcomes: WriteOutcome[]): WriteOutcome[] {
  if (
    outcomes.length === items.length &&
    items.every((item, i) => outcomes[i]!.documentId === item.documentId)
  ) {
    return outcomes;
  }
  const byId = new Map(outcomes.map((o) => [o.documentId, o]));
  return items.map(
    (i) =>
      byId.get(i.documentId) ?? {
        documentId: i.documentId,
        ok: false,
        uncertain: true,
        error: { message: 'the connector returned no outcome for this document' },
      },
  );
}

function toRecord(o: WriteOutcome): WriteRecord {
  const record: WriteRecord = {
    documentId: o.documentId,
    state: o.ok ? 'written' : o.uncertain ? 'uncertain' : 'failed',
  };
  if (o.key) record.key = o.key;
  if (o.etag) record.etag = o.etag;
  if (o.dataAreaId) record.dataAreaId = o.dataAreaId;
  if (o.error) record.error = o.error.message;
  return record;
}

/** The document after its write: the record as written (when returned) and its new tracked properties. */
function withTracked(
  doc: Document,
  done: { key?: Record<string, unknown>; etag?: string; dataAreaId?: string },
  info: OperationInfo,
  data?: Record<string, unknown>,
): Document {
  const tracked = { ...doc.properties.tracked };
  if (info.kind === 'delete') delete tracked.etag;
  else if (done.etag !== undefined) tracked.etag = done.etag;
  if (done.key !== undefined) tracked.key = done.key;
  if (done.dataAreaId !== undefined) tracked.dataAreaId = done.dataAreaId;
  if (info.entitySet !== undefined) tracked.entitySet = info.entitySet;
  return { ...doc, data: data ?? doc.data, properties: { ...doc.properties, tracked } };
}
