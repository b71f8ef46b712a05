import type { Entity } from '../catalogue/model.js';
import { badRequest, notFound, ODataError } from '../odata/errors.js';
import { formatKey, parseKey } from '../odata/literals.js';
import { applyLevel, jsonHeaders, metadataLevel } from '../odata/metadata-level.js';
import { parseQuery, sortRows } from '../odata/query.js';
import { contextFragment, fullJson, fullJsonBuffer, JSON_HEADERS, recordJson } from '../odata/serialize.js';
import { validateBody, validateRow, writeFailure } from '../odata/validate.js';
import type { SandboxState } from '../state.js';
import { etag, type Rec, type Row } from '../store/store.js';
import type { CallerContext, SimpleRequest, SimpleResponse } from './types.js';

const COMMA = Buffer.from(',');

const sameCompany = (a: unknown, b: string): boolean => typeof a === 'string' && a.toLowerCase() === b;

function filterOptions(state: SandboxState) {
  return {
    allowStringFunctions: state.compat.allowStringFunctions,
    enumMembers: (n: string) => state.model.enums.get(n)?.members,
  };
}

/** GET on an entity set: company scoping, query options and server-driven paging. */
export function getCollection(
  state: SandboxState,
  entity: Entity,
  url: URL,
  ctx: CallerContext,
  req: SimpleRequest,
  countOnly: boolean,
): SimpleResponse {
  const q = parseQuery(state.model, entity, url.searchParams, filterOptions(state));
  let rows = state.store.table(entity).rows;
  if (entity.company && !q.crossCompany)
    rows = rows.filter((r) => sameCompany(r.values.dataAreaId, ctx.defaultCompany));
  if (q.filter) {
    const f = q.filter;
    rows = rows.filter((r) => f(r.values));
  }
  if (countOnly)
    return {
      status: 200,
      headers: { 'content-type': 'text/plain', 'odata-version': '4.0' },
      body: String(rows.length),
    };
  rows = sortRows(rows, q.orderby);
  let pageSize = state.pageSize;
  const prefer = /odata\.maxpagesize=(\d+)/.exec(req.headers.prefer ?? '');
  const honoured = state.compat.honourMaxPageSize && prefer ? Number(prefer[1]) : undefined;
  if (honoured) pageSize = Math.min(pageSize, honoured);
  const wanted = q.top === undefined ? rows.length - q.skip : Math.min(q.top, rows.length - q.skip);
  const take = Math.max(0, Math.min(wanted, pageSize));
  const page = rows.slice(q.skip, q.skip + take);
  const base = `${ctx.base}/data`;
  const level = metadataLevel(req.headers.accept, url.searchParams.get('$format'));
  let body =
    level === 'none'
      ? '{'
      : `{"@odata.context":${JSON.stringify(`${base}/$metadata#${contextFragment(entity, q.select, q.expand)}`)},`;
  if (q.count) body += `"@odata.count":${rows.length},`;
  const chunks: Buffer[] = [Buffer.from(`${body}"value":[`)];
  if (!q.select && q.expand.length === 0 && level === 'minimal') {
    // Fast path for full records: cached bytes, no serialisation per request.
    for (let i = 0; i < page.length; i++) {
      if (i > 0) chunks.push(COMMA);
      chunks.push(fullJsonBuffer(page[i]!));
    }
  } else {
    const parts = new Array<string>(page.length);
    for (let i = 0; i < page.length; i++)
      parts[i] = recordJson(state.store, entity, page[i]!, q.select, q.expand);
    if (level !== 'minimal') {
      for (let i = 0; i < parts.length; i++) {
        parts[i] = JSON.stringify(
          applyLevel(state.model, entity, JSON.parse(parts[i]!), level, ctx.base, page[i]!.values),
        );
      }
    }
    chunks.push(Buffer.from(parts.join(',')));
  }
  body = ']';
  if (take < wanted) {
    // F&O's nextLink is $skip-based: the same URL with $skip advanced (and $top reduced when given).
    const next = new URLSearchParams(url.searchParams);
    next.set('$skip', String(q.skip + take));
    if (q.top !== undefined) next.set('$top', String(q.top - take));
    const qs = next
      .toString()
      .replace(/%24/g, '$')
      .replace(/%2C/g, ',')
      .replace(/%28/g, '(')
      .replace(/%29/g, ')');
    const linkBase = state.compat.nextLinkBase
      ? `${state.compat.nextLinkBase.replace(/\/$/, '')}/data`
      : base;
    body += `,"@odata.nextLink":${JSON.stringify(`${linkBase}/${entity.set}?${qs}`)}`;
  }
  body += '}';
  chunks.push(Buffer.from(body));
  const headers = jsonHeaders(level);
  if (honoured) headers['preference-applied'] = `odata.maxpagesize=${honoured}`;
  return { status: 200, headers, body: chunks };
}

/** Finds the record a key segment addresses, seen from the caller's company. */
export function findByKey(
  state: SandboxState,
  entity: Entity,
  keySeg: string,
  url: URL,
  ctx: CallerContext,
): Rec {
  const key = parseKey(entity, keySeg);
  const cross = url.searchParams.get('cross-company')?.toLowerCase() === 'true';
  const rec = state.store.find(entity, key);
  // Without cross-company=true only the default company is visible, even when the key names another.
  if (!rec || (entity.company && !cross && !sameCompany(rec.values.dataAreaId, ctx.defaultCompany))) {
    throw notFound(`No resource was found for '${entity.set}(${keySeg})'.`);
  }
  return rec;
}

/** GET by key. */
export function getEntity(
  state: SandboxState,
  entity: Entity,
  keySeg: string,
  url: URL,
  ctx: CallerContext,
  req: SimpleRequest,
): SimpleResponse {
  const rec = findByKey(state, entity, keySeg, url, ctx);
  const q = parseQuery(state.model, entity, url.searchParams, filterOptions(state));
  const level = metadataLevel(req.headers.accept, url.searchParams.get('$format'));
  let json = recordJson(state.store, entity, rec, q.select, q.expand);
  if (level !== 'minimal')
    json = JSON.stringify(applyLevel(state.model, entity, JSON.parse(json), level, ctx.base, rec.values));
  const context = `${ctx.base}/data/$metadata#${contextFragment(entity, q.select, q.expand)}/$entity`;
  return {
    status: 200,
    headers: { ...jsonHeaders(level), etag: etag(rec) },
    body: level === 'none' ? json : `{"@odata.context":${JSON.stringify(context)},${json.slice(1)}`,
  };
}

function parseJson(req: SimpleRequest): unknown {
  try {
    return JSON.parse(req.body.toString('utf8') || 'null');
  } catch (e) {
    throw badRequest(`The request body is not valid JSON: ${(e as Error).message}`);
  }
}

/** POST: create with defaults and number-sequence keys; 201 with the full entity. */
export function createEntity(
  state: SandboxState,
  entity: Entity,
  req: SimpleRequest,
  ctx: CallerContext,
): SimpleResponse {
  const changes = validateBody(state.store, entity, parseJson(req));
  const row: Row = { ...state.store.blank(entity), ...changes };
  if (entity.company) row.dataAreaId = String(changes.dataAreaId ?? ctx.defaultCompany).toLowerCase();
  if (entity.seq && !row[entity.seq.key]) row[entity.seq.key] = state.store.nextSequence(entity);
  validateRow(state.store, entity, row);
  if (state.store.find(entity, row)) {
    const keys = entity.keys.map((k) => `${k}: ${String(row[k])}`).join(', ');
    throw writeFailure(entity, [
      `Cannot create a record in ${entity.set} (${entity.type}). ${keys}. The record already exists.`,
    ]);
  }
  const rec = state.store.insert(entity, row);
  state.counters.writes.created++;
  // Percent-encoded as F&O does: a key with a line break or non-ASCII text cannot go in a header raw.
  const location = encodeURI(`${ctx.base}/data/${entity.set}(${formatKey(entity, row)})`);
  const context = `${ctx.base}/data/$metadata#${entity.set}/$entity`;
  return {
    status: 201,
    headers: { ...JSON_HEADERS, etag: etag(rec), location },
    body: `{"@odata.context":${JSON.stringify(context)},${fullJson(rec).slice(1)}`,
  };
}

function checkIfMatch(req: SimpleRequest, rec: Rec, entity: Entity): void {
  const ifMatch = req.headers['if-match'];
  if (!ifMatch || ifMatch.trim() === '*') return;
  const tags = ifMatch.split(',').map((t) => t.trim());
  if (!tags.includes(etag(rec))) {
    throw new ODataError(
      412,
      `The ETag '${ifMatch}' does not match the current version of the ${entity.set} record; it was changed by another process.`,
    );
  }
}

/** PATCH/PUT/DELETE by key: 204; stale If-Match 412; no upsert. */
export function writeEntity(
  state: SandboxState,
  entity: Entity,
  keySeg: string,
  url: URL,
  req: SimpleRequest,
  ctx: CallerContext,
): SimpleResponse {
  const rec = findByKey(state, entity, keySeg, url, ctx);
  checkIfMatch(req, rec, entity);
  if (req.method === 'DELETE') {
    state.store.remove(entity, rec);
    state.counters.writes.deleted++;
    return { status: 204, headers: { 'odata-version': '4.0' } };
  }
  const changes = validateBody(state.store, entity, parseJson(req));
  for (const k of entity.keys) {
    if (k in changes && String(changes[k]).toLowerCase() !== String(rec.values[k]).toLowerCase()) {
      throw writeFailure(entity, [
        `The key field '${k}' cannot be changed from '${String(rec.values[k])}' to '${String(changes[k])}'.`,
      ]);
    }
    delete changes[k];
  }
  const next: Row =
    req.method === 'PUT' ? { ...state.store.blank(entity), ...changes } : { ...rec.values, ...changes };
  for (const k of entity.keys) next[k] = rec.values[k];
  validateRow(state.store, entity, next);
  state.store.update(rec, next);
  state.counters.writes.updated++;
  return { status: 204, headers: { 'odata-version': '4.0', etag: etag(rec) } };
}
