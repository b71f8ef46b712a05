import { NS } from '../catalogue/model.js';
import { metadataDocument, metadataGzip } from '../metadata/metadata-cache.js';
import { errorBody, notFound, ODataError } from '../odata/errors.js';
import { JSON_HEADERS } from '../odata/serialize.js';
import type { SandboxState } from '../state.js';
import { invokeAction } from './actions.js';
import { createEntity, findByKey, getCollection, getEntity, writeEntity } from './entity-handlers.js';
import type { CallerContext, SimpleRequest, SimpleResponse } from './types.js';

/** Turns an ODataError (or a bug) into F&O's error response. */
export function errorResponse(err: unknown): SimpleResponse {
  const e =
    err instanceof ODataError
      ? err
      : new ODataError(500, (err as Error).message ?? String(err), 'System.Exception');
  return {
    status: e.status,
    headers: {
      'content-type': 'application/json; odata.metadata=minimal; charset=utf-8',
      'odata-version': '4.0',
      ...e.headers,
    },
    body: errorBody(e),
  };
}

function serviceDocument(state: SandboxState, ctx: CallerContext): SimpleResponse {
  const extra =
    state.metadata === 'full' ? [...metadataDocument(state.model, 'full').extraSets.values()] : [];
  const value = [...state.model.entities, ...extra].map((e) => ({
    name: e.set,
    kind: 'EntitySet',
    url: e.set,
  }));
  return {
    status: 200,
    headers: { ...JSON_HEADERS },
    body: JSON.stringify({ '@odata.context': `${ctx.base}/data/$metadata`, value }),
  };
}

function metadata(state: SandboxState, req: SimpleRequest): SimpleResponse {
  const headers: Record<string, string> = { 'content-type': 'application/xml', 'odata-version': '4.0' };
  if (/\bgzip\b/.test(req.headers['accept-encoding'] ?? '')) {
    headers['content-encoding'] = 'gzip';
    return { status: 200, headers, body: metadataGzip(state.model, state.metadata) };
  }
  return { status: 200, headers, body: metadataDocument(state.model, state.metadata).body };
}

/** Routes one OData request below `/data` (also used for every operation inside a $batch). */
export function routeOData(state: SandboxState, req: SimpleRequest, ctx: CallerContext): SimpleResponse {
  try {
    const url = new URL(req.url, 'http://sandbox');
    const path = decodeURIComponent(url.pathname.replace(/^\/data/, ''));
    if (path === '' || path === '/') return serviceDocument(state, ctx);
    if (path === '/$metadata') return metadata(state, req);
    // `s`: a key value may hold a line break.
    const m = /^\/(\w+)(?:\((.*)\))?(?:\/(.+))?$/s.exec(path);
    const entity = m ? state.entitySet(m[1]!) : undefined;
    if (!m || !entity)
      throw notFound(`No HTTP resource was found that matches the request URI '${ctx.base}${url.pathname}'.`);
    const keySeg = m[2];
    const tail = m[3];
    if (tail === '$count' && keySeg === undefined) return getCollection(state, entity, url, ctx, req, true);
    if (tail?.startsWith(`${NS}.`) || tail?.includes('.')) {
      const rec = keySeg === undefined ? undefined : findByKey(state, entity, keySeg, url, ctx);
      return invokeAction(state, entity, tail, rec, req, ctx);
    }
    if (tail !== undefined && keySeg !== undefined && req.method === 'GET' && entity.propMap.has(tail)) {
      const rec = findByKey(state, entity, keySeg, url, ctx);
      const context = `${ctx.base}/data/$metadata#${entity.set}(${keySeg})/${tail}`;
      return {
        status: 200,
        headers: { ...JSON_HEADERS },
        body: JSON.stringify({ '@odata.context': context, value: rec.values[tail] }),
      };
    }
    if (tail !== undefined) throw notFound(`The path segment '${tail}' is not supported on '${entity.set}'.`);
    if (keySeg === undefined) {
      if (req.method === 'GET') return getCollection(state, entity, url, ctx, req, false);
      if (req.method === 'POST') return createEntity(state, entity, req, ctx);
      if (req.method === 'PATCH' || req.method === 'PUT' || req.method === 'DELETE') {
        throw new ODataError(
          400,
          `More than one resource was found for '${entity.set}'; ${req.method} needs a single entity addressed by its full key.`,
        );
      }
    } else {
      if (req.method === 'GET') return getEntity(state, entity, keySeg, url, ctx, req);
      if (req.method === 'PATCH' || req.method === 'PUT' || req.method === 'DELETE') {
        return writeEntity(state, entity, keySeg, url, req, ctx);
      }
      if (req.method === 'POST')
        throw new ODataError(405, `POST is not allowed on a single ${entity.set} entity.`);
    }
    throw new ODataError(405, `The method ${req.method} is not allowed on '${path}'.`);
  } catch (err) {
    return errorResponse(err);
  }
}
