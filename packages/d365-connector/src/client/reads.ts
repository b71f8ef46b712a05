import { NotFoundError } from '../http/errors.js';
import { buildQueryUrl, type QueryOptions } from '../query/build-query-url.js';
import type { EntityKey } from '../query/format-key.js';
import type { ClientCore } from './core.js';
import { rewriteNextLink } from './next-link.js';
import { type TrackedRecord, track } from './tracked.js';

/** Options of `query`: the query options plus how results are delivered. */
export interface ReadOptions extends Omit<QueryOptions, 'key' | 'dialect'> {
  /** Stop after this many records over all pages. */
  maxRecords?: number;
  /** Ask for pages of this size (`Prefer: odata.maxpagesize`); F&O may ignore it and page by 10,000. */
  pageSize?: number;
  /**
   * Fetch the next page while the current one is consumed (default true): at most two pages in memory.
   * False: strictly one page at a time.
   */
  prefetch?: boolean;
}

/** One server page. */
export interface Page<T = Record<string, unknown>> {
  records: TrackedRecord<T>[];
  /** `@odata.count` when `count: true` was asked (F&O: the total, ignoring `$top`). */
  count?: number;
  /** The next page's URL (already rewritten to the configured host), if any. */
  nextLink?: string;
}

interface CollectionResponse {
  value?: Record<string, unknown>[];
  '@odata.count'?: number;
  '@odata.nextLink'?: string;
}

/** Follows `@odata.nextLink` page by page; only one page is held in memory. */
export async function* queryPages<T = Record<string, unknown>>(
  core: ClientCore,
  entitySet: string,
  options: ReadOptions = {},
): AsyncGenerator<Page<T>> {
  const profile = options.profile ?? core.profileOf(entitySet);
  const crossCompany = options.crossCompany ?? core.crossCompany;
  const { maxRecords, pageSize, prefetch = true, ...query } = options;
  let url: string | undefined = buildQueryUrl(core.root, entitySet, {
    ...query,
    profile,
    crossCompany,
    dialect: core.dialect,
  });
  const headers: Record<string, string> = pageSize ? { prefer: `odata.maxpagesize=${pageSize}` } : {};
  let remaining = maxRecords ?? Number.POSITIVE_INFINITY;
  const keyNames = profile?.key;
  const fetchPage = async (pageUrl: string) =>
    JSON.parse(
      (await core.transport.send({ method: 'GET', url: pageUrl, headers })).body,
    ) as CollectionResponse;
  let inFlight: Promise<CollectionResponse> | undefined;
  while (url && remaining > 0) {
    const json: CollectionResponse = await (inFlight ?? fetchPage(url));
    inFlight = undefined;
    let values = json.value ?? [];
    if (values.length > remaining) values = values.slice(0, remaining);
    remaining -= values.length;
    const page: Page<T> = { records: values.map((v) => track(v, keyNames) as TrackedRecord<T>) };
    if (json['@odata.count'] !== undefined) page.count = json['@odata.count'];
    const next = json['@odata.nextLink'];
    url = next ? rewriteNextLink(next, core.root, crossCompany === true) : undefined;
    if (url) page.nextLink = url;
    if (url && prefetch && remaining > 0) {
      inFlight = fetchPage(url);
      // Surfaced when awaited; never an unhandled rejection if the consumer stops early.
      inFlight.catch(() => {});
    }
    yield page;
  }
}

/** Every record of a query, page after page. */
export async function* queryRecords<T = Record<string, unknown>>(
  core: ClientCore,
  entitySet: string,
  options: ReadOptions = {},
): AsyncGenerator<TrackedRecord<T>> {
  for await (const page of queryPages<T>(core, entitySet, options)) yield* page.records;
}

export interface GetOptions {
  select?: string[];
  expand?: QueryOptions['expand'];
  crossCompany?: boolean;
}

/** Reads one record by key; NotFoundError when there is none. */
export async function getByKey<T = Record<string, unknown>>(
  core: ClientCore,
  entitySet: string,
  key: EntityKey,
  options: GetOptions = {},
): Promise<TrackedRecord<T>> {
  const profile = core.profileOf(entitySet);
  const url = buildQueryUrl(core.root, entitySet, {
    ...options,
    key,
    profile,
    crossCompany: options.crossCompany ?? keyCrossCompany(core, key),
    dialect: core.dialect,
  });
  const res = await core.transport.send({ method: 'GET', url });
  const etag = headerValue(res.headers.etag);
  return track(JSON.parse(res.body) as Record<string, unknown>, profile?.key, etag) as TrackedRecord<T>;
}

/** Like getByKey, but undefined instead of NotFoundError. */
export async function findByKey<T = Record<string, unknown>>(
  core: ClientCore,
  entitySet: string,
  key: EntityKey,
): Promise<TrackedRecord<T> | undefined> {
  try {
    return await getByKey<T>(core, entitySet, key);
  } catch (error) {
    if (error instanceof NotFoundError) return undefined;
    throw error;
  }
}

/**
 * F&O only sees the default company without `cross-company=true`: a key naming a dataAreaId needs it
 * (as the mafzaal client does).
 */
export function keyCrossCompany(core: ClientCore, key: EntityKey): boolean {
  if (core.crossCompany) return true;
  return core.dialect === 'fno' && typeof key === 'object' && key !== null && 'dataAreaId' in key;
}

/** The first value of a header. */
export function headerValue(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value[0] : value;
}
