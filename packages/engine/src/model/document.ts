/** Properties the connector tracks for a record: what a later update or delete needs to be safe. */
export interface TrackedProperties {
  /** The OData ETag (`W/"…"`); sent as If-Match by a later update or delete by default. */
  etag?: string;
  /** The entity key parts, in key order. */
  key?: Record<string, unknown>;
  /** F&O's legal entity of the record. */
  dataAreaId?: string;
  /** The entity set the record was read from or written to. */
  entitySet?: string;
  /** A preview's write: the request it would have sent instead (`PATCH CustomersV3(…)`)… */
  request?: string;
  /** …and for an update, the fields it would change (`Name: "A" → "B"`, or `nothing`). */
  changes?: string;
}

/** Why a document failed, and where. */
export interface DocumentError {
  shapeId: string;
  message: string;
  /** A short machine-readable code (`write-failed`, `map-failed`, `uncertain`, `412`...). */
  code?: string;
}

/**
 * One JSON record flowing through a process, with its properties. The id is stable within the
 * execution (and across a resume): write bookkeeping is keyed by (shape, document id).
 */
export interface Document {
  id: string;
  data: Record<string, unknown>;
  properties: { tracked: TrackedProperties; user: Record<string, unknown> };
  /** Set on documents sent down an error path. */
  error?: DocumentError;
}

/** A new document with empty properties. */
export function createDocument(id: string, data: Record<string, unknown>): Document {
  return { id, data, properties: { tracked: {}, user: {} } };
}

/** Reads a dotted path (`Address.City`, `Lines.0.ItemId`) of a JSON value; undefined when absent. */
export function readPath(value: unknown, path: string): unknown {
  let current = value;
  for (const part of path.split('.')) {
    if (current === null || typeof current !== 'object') return undefined;
    current = (current as Record<string, unknown>)[part];
  }
  return current;
}

/**
 * A stable document id from an entity key (`dataAreaId=usmf,CustomerAccount=US-001`): the same
 * record gets the same id when a resumed execution reads it again, whatever the page order.
 */
export function idFromKey(key: Record<string, unknown>): string {
  // Hot: once per record read. A plain loop, no intermediate arrays.
  let id = '';
  for (const k in key) id += id === '' ? `${k}=${key[k]}` : `,${k}=${key[k]}`;
  return id;
}
