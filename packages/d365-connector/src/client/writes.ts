import { ConcurrencyError, UncertainOutcomeError, ValidationError } from '../http/errors.js';
import type { SendResponse } from '../http/transport.js';
import type { LiteralValue } from '../query/edm-literal.js';
import { type EntityKey, formatKey } from '../query/format-key.js';
import { QueryBuildError } from '../query/query-error.js';
import { encodePathSegment, isIdentifier } from '../query/url-encoding.js';
import type { ClientCore } from './core.js';
import { findByKey, getByKey, headerValue, keyCrossCompany } from './reads.js';
import { isTracked, type TrackedRecord, track } from './tracked.js';

/** Which ETag an update or delete is conditional on. */
export type IfMatchMode = 'tracked' | '*' | 'none';

export interface WriteOptions {
  /** `tracked` (default): the ETag of the record passed in, or `etag`; `*`: any version; `none`: no If-Match. */
  ifMatch?: IfMatchMode;
  etag?: string;
  crossCompany?: boolean;
}

/** The URL of one entity. */
export function entityUrl(
  core: ClientCore,
  entitySet: string,
  key: EntityKey,
  crossCompany?: boolean,
): string {
  if (!isIdentifier(entitySet)) throw new QueryBuildError(`"${entitySet}" is not a valid entity set name`);
  const url = `${core.root}/${encodePathSegment(entitySet)}${formatKey(key, core.profileOf(entitySet))}`;
  return (crossCompany ?? keyCrossCompany(core, key)) ? `${url}?cross-company=true` : url;
}

/** The key of a payload, when `$metadata` names the key and the payload has every part. */
function keyOfPayload(
  core: ClientCore,
  entitySet: string,
  data: Record<string, unknown>,
): Record<string, LiteralValue> | undefined {
  const names = core.profileOf(entitySet)?.key;
  if (!names?.length || !names.every((n) => data[n] !== undefined && data[n] !== '')) return undefined;
  return Object.fromEntries(names.map((n) => [n, data[n] as LiteralValue]));
}

function parseEntity(res: SendResponse): Record<string, unknown> {
  return res.body ? (JSON.parse(res.body) as Record<string, unknown>) : {};
}

/**
 * Creates a record (201 + the entity with server defaults). A create is never blindly repeated: when
 * the connection drops after sending, the record is looked up by key if the key is known, else the
 * outcome is reported as UncertainOutcomeError.
 */
export async function createRecord<T extends Record<string, unknown>>(
  core: ClientCore,
  entitySet: string,
  data: T,
): Promise<TrackedRecord<T>> {
  if (!isIdentifier(entitySet)) throw new QueryBuildError(`"${entitySet}" is not a valid entity set name`);
  const url = `${core.root}/${encodePathSegment(entitySet)}`;
  const send = () =>
    core.transport.send({
      method: 'POST',
      url,
      headers: { 'content-type': 'application/json;odata.metadata=minimal', prefer: 'return=representation' },
      body: JSON.stringify(data),
      idempotent: false,
    });
  const profile = core.profileOf(entitySet);
  let res: SendResponse;
  try {
    res = await send();
  } catch (error) {
    if (!(error instanceof UncertainOutcomeError)) throw error;
    const key = keyOfPayload(core, entitySet, data);
    if (!key) throw error;
    const existing = await findByKey<T>(core, entitySet, key);
    if (existing) return existing;
    res = await send();
  }
  return track({ ...data, ...parseEntity(res) } as T, profile?.key, headerValue(res.headers.etag));
}

function ifMatchHeader(record: TrackedRecord | undefined, options: WriteOptions): string | undefined {
  const mode = options.ifMatch ?? 'tracked';
  if (mode === 'none') return undefined;
  if (mode === '*') return '*';
  return options.etag ?? record?.etag;
}

/** Adds the current ETag to a 412, so both versions are reported. */
async function withCurrentEtag(
  core: ClientCore,
  entitySet: string,
  key: EntityKey,
  error: unknown,
): Promise<never> {
  if (error instanceof ConcurrencyError) {
    const current = await findByKey(core, entitySet, key).catch(() => undefined);
    throw new ConcurrencyError(
      `The record was changed since it was read: sent If-Match ${error.sentEtag ?? '(none)'}, current ETag ${current?.etag ?? 'unknown'}`,
      { method: error.method, url: error.url, status: error.status },
      error.sentEtag,
      current?.etag,
    );
  }
  throw error;
}

/** Resolves a key or tracked record argument. */
function target(keyOrRecord: EntityKey | TrackedRecord, core: ClientCore, entitySet: string) {
  if (!isTracked(keyOrRecord)) return { key: keyOrRecord, record: undefined };
  const key = keyOrRecord.key ?? keyOfPayload(core, entitySet, keyOrRecord.data);
  if (!key) throw new QueryBuildError(`The record of ${entitySet} has no known key: pass the key instead`);
  return { key, record: keyOrRecord };
}

/** PATCHes the given fields of a record (204), conditional on its ETag by default. */
export async function updateRecord<T extends Record<string, unknown>>(
  core: ClientCore,
  entitySet: string,
  keyOrRecord: EntityKey | TrackedRecord,
  changes: Partial<T>,
  options: WriteOptions = {},
): Promise<TrackedRecord<Partial<T>>> {
  const { key, record } = target(keyOrRecord, core, entitySet);
  const ifMatch = ifMatchHeader(record, options);
  const headers: Record<string, string> = { 'content-type': 'application/json;odata.metadata=minimal' };
  if (ifMatch) headers['if-match'] = ifMatch;
  try {
    const res = await core.transport.send({
      method: 'PATCH',
      url: entityUrl(core, entitySet, key, options.crossCompany),
      headers,
      body: JSON.stringify(changes),
      ...(ifMatch ? { sentEtag: ifMatch } : {}),
    });
    // F&O answers 204 without a body: the new ETag is known only if the server sent the header.
    const data = { ...(record?.data as Partial<T>), ...changes, ...parseEntity(res) };
    delete data['@odata.etag'];
    const result = track(data, undefined, headerValue(res.headers.etag));
    const keyParts = keyRecord(key);
    if (keyParts) result.key = keyParts;
    return result;
  } catch (error) {
    return withCurrentEtag(core, entitySet, key, error);
  }
}

/** What a delete did. */
export interface DeleteResult {
  deleted: true;
  /**
   * The first attempt's connection dropped after sending and the retry found the record absent: that
   * attempt deleted it (a 404 on a first attempt is still a NotFoundError).
   */
  confirmedAbsentAfterRetry: boolean;
}

/** Deletes a record (204), conditional on its ETag by default. */
export async function deleteRecord(
  core: ClientCore,
  entitySet: string,
  keyOrRecord: EntityKey | TrackedRecord,
  options: WriteOptions = {},
): Promise<DeleteResult> {
  const { key, record } = target(keyOrRecord, core, entitySet);
  const ifMatch = ifMatchHeader(record, options);
  try {
    const res = await core.transport.send({
      method: 'DELETE',
      url: entityUrl(core, entitySet, key, options.crossCompany),
      headers: ifMatch ? { 'if-match': ifMatch } : {},
      ...(ifMatch ? { sentEtag: ifMatch } : {}),
      goneMeansDone: true,
    });
    return { deleted: true, confirmedAbsentAfterRetry: res.confirmedAfterRetry === true };
  } catch (error) {
    return withCurrentEtag(core, entitySet, key, error);
  }
}

/** F&O has no upsert: reads by key, then updates (on the ETag just read) or creates. */
export async function upsertRecord<T extends Record<string, unknown>>(
  core: ClientCore,
  entitySet: string,
  key: Record<string, LiteralValue>,
  data: T,
): Promise<TrackedRecord<T> & { created: boolean }> {
  const existing = await findByKey(core, entitySet, key);
  if (existing) {
    const updated = await updateRecord(core, entitySet, { ...existing, key }, data);
    return { ...(updated as TrackedRecord<T>), data: { ...existing.data, ...data }, created: false };
  }
  try {
    return { ...(await createRecord(core, entitySet, { ...key, ...data } as T)), created: true };
  } catch (error) {
    // Created by someone else in between: update it instead.
    if (!(error instanceof ValidationError)) throw error;
    const now = await getByKey(core, entitySet, key).catch(() => {
      throw error;
    });
    const updated = await updateRecord(core, entitySet, { ...now, key }, data);
    return { ...(updated as TrackedRecord<T>), created: false };
  }
}

export interface ActionOptions {
  /** Bind to an entity set (collection-bound action)… */
  entitySet?: string;
  /** …or to one entity of it. */
  key?: EntityKey;
  parameters?: Record<string, unknown>;
  crossCompany?: boolean;
  /** If-Match for entity-bound actions on services that require it (e.g. `*` or a tracked ETag). */
  ifMatch?: string;
}

/** Calls an OData action (POST, namespace-qualified); returns its `value`, or undefined for 204. */
export async function executeAction<R = unknown>(
  core: ClientCore,
  name: string,
  options: ActionOptions = {},
): Promise<R> {
  const qualified = name.includes('.') ? name : `${core.actionNamespace}.${name}`;
  let base = core.root;
  if (options.entitySet) {
    base =
      options.key === undefined
        ? `${core.root}/${encodePathSegment(options.entitySet)}`
        : entityUrl(core, options.entitySet, options.key, false);
  }
  const cross = options.crossCompany ?? (options.key !== undefined && keyCrossCompany(core, options.key));
  const url = `${base}/${encodePathSegment(qualified)}${cross ? '?cross-company=true' : ''}`;
  const res = await core.transport.send({
    method: 'POST',
    url,
    headers: {
      'content-type': 'application/json',
      ...(options.ifMatch ? { 'if-match': options.ifMatch } : {}),
    },
    body: JSON.stringify(options.parameters ?? {}),
    idempotent: false,
  });
  if (!res.body) return undefined as R;
  const json = JSON.parse(res.body) as { value?: unknown };
  return ('value' in json ? json.value : json) as R;
}

/** The key as named parts, when it was given that way. */
export function keyRecord(key: EntityKey): Record<string, LiteralValue> | undefined {
  if (typeof key !== 'object' || key === null || key instanceof Date || '$edm' in key) return undefined;
  return key as Record<string, LiteralValue>;
}
