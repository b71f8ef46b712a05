import type { LiteralValue } from '../query/edm-literal.js';

/** A record as read or written, with what a later write needs to be safe. */
export interface TrackedRecord<T = Record<string, unknown>> {
  data: T;
  /** The record's ETag (`W/"…"`), from `@odata.etag` or the ETag header. */
  etag?: string;
  /** The key parts, in key order, when the key is known. */
  key?: Record<string, LiteralValue>;
  /** F&O's legal entity of the record. */
  dataAreaId?: string;
}

/** Builds the tracked record of a JSON entity; key names come from `$metadata` when known. */
export function track<T extends Record<string, unknown>>(
  data: T,
  keyNames: string[] | undefined,
  etagHeader?: string,
): TrackedRecord<T> {
  const result: TrackedRecord<T> = { data };
  const etag = (data['@odata.etag'] as string | undefined) ?? etagHeader;
  if (etag) result.etag = etag;
  if (keyNames?.every((k) => data[k] !== undefined)) {
    result.key = Object.fromEntries(keyNames.map((k) => [k, data[k] as LiteralValue]));
  }
  if (typeof data.dataAreaId === 'string') result.dataAreaId = data.dataAreaId;
  return result;
}

/** Whether a value is a TrackedRecord (passed to update/delete instead of a key). */
export function isTracked(value: unknown): value is TrackedRecord {
  return (
    typeof value === 'object' &&
    value !== null &&
    'data' in value &&
    typeof (value as TrackedRecord).data === 'object'
  );
}
