import type { ConnectorShape } from '@flowline/contracts';
import type { Document } from '../../model/document.js';
import { errorMessage, passDown, type RunContext, type ShapeHandler, unwrap } from '../context.js';
import type { OperationInfo, OperationRecord, OperationRef } from '../ports.js';
import { resolveParameters } from '../values.js';

/** A document from a record the connector returned; user properties come from the document that asked. */
export function documentFromRecord(
  id: string,
  record: OperationRecord,
  entitySet: string | undefined,
  user = {},
): Document {
  const tracked: Document['properties']['tracked'] = {};
  if (record.etag !== undefined) tracked.etag = record.etag;
  if (record.key !== undefined) tracked.key = record.key;
  if (record.dataAreaId !== undefined) tracked.dataAreaId = record.dataAreaId;
  if (entitySet !== undefined) tracked.entitySet = entitySet;
  return { id, data: record.data, properties: { tracked, user } };
}

/**
 * Connector shape with a read (`query`, `get`): each document's parameters drive one read, every
 * record read becomes a document `<id>><n>`, emitted in chunks as pages arrive. A read that throws
 * fails the document that asked for it.
 */
export function connectorReadHandler(
  shape: ConnectorShape,
  ref: OperationRef,
  info: OperationInfo,
  ctx: RunContext,
): ShapeHandler {
  return async (docs, io) => {
    for (const doc of docs) {
      const parameters = resolveParameters(shape.config.parameters, doc, ctx.processProperties);
      let n = 0;
      let buffer: Document[] = [];
      try {
        for await (const page of ctx.ports.operations.read(ref, parameters, { signal: ctx.signal })) {
          for (const record of page) {
            buffer.push(documentFromRecord(`${doc.id}>${n++}`, record, info.entitySet, doc.properties.user));
          }
          if (buffer.length >= ctx.chunkSize) {
            const full = buffer;
            buffer = [];
            await passDown(() => io.emit('out', full));
          }
        }
        await passDown(() => io.emit('out', buffer));
      } catch (e) {
        if (ctx.signal.aborted || e !== unwrap(e)) throw unwrap(e);
        // A preview's read after one of its writes meets the record as it is, not as written.
        const unsent = ctx.mode === 'preview' ? doc.properties.tracked.request : undefined;
        const message = unsent
          ? `${errorMessage(e)} (a preview: "${unsent}" was not sent, so what it would have written is not there to read)`
          : errorMessage(e);
        await io.fail([{ document: doc, error: { message, code: 'read-failed' } }]);
      }
    }
  };
}
