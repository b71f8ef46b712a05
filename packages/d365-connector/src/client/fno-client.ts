import type { MetadataModel } from '../metadata/model.js';
import type { Profile } from '../profile/profile-types.js';
import { toProfile } from '../profile/to-profile.js';
import type { LiteralValue } from '../query/edm-literal.js';
import type { EntityKey } from '../query/format-key.js';
import { type BatchOperation, type BatchOptions, type BatchResult, runBatch } from './batch.js';
import type { FnoConnectionConfig } from './config.js';
import { ClientCore } from './core.js';
import { labelTexts } from './labels.js';
import { type GetOptions, getByKey, type Page, queryPages, queryRecords, type ReadOptions } from './reads.js';
import type { TrackedRecord } from './tracked.js';
import {
  type ActionOptions,
  createRecord,
  type DeleteResult,
  deleteRecord,
  executeAction,
  updateRecord,
  upsertRecord,
  type WriteOptions,
} from './writes.js';

type Data = Record<string, unknown>;

/** A connection to one F&O environment (or any OData v4 service with `dialect: 'odata'`). */
export interface FnoClient {
  /** The OData service root, e.g. `https://contoso.operations.dynamics.com/data`. */
  readonly serviceRoot: string;
  /** `$metadata`, parsed and cached (by content hash); `refresh` fetches it again. */
  metadata(options?: { refresh?: boolean }): Promise<MetadataModel>;
  /**
   * The text of F&O label ids (a profile's `label`, `@SYS13342`) in `language` (default `en-us`), from
   * the environment's `/Metadata/Labels`; ids it does not know are left out.
   */
  labels(ids: Iterable<string>, language?: string): Promise<Map<string, string>>;
  /** The profile of an entity set or type, from `$metadata`. */
  profile(entitySetOrType: string): Promise<Profile>;
  /** Every record of a query, following server paging (one page in memory). */
  query<T = Data>(entitySet: string, options?: ReadOptions): AsyncGenerator<TrackedRecord<T>>;
  /** The pages of a query, each with `@odata.count` and the next link. */
  queryPages<T = Data>(entitySet: string, options?: ReadOptions): AsyncGenerator<Page<T>>;
  get<T = Data>(entitySet: string, key: EntityKey, options?: GetOptions): Promise<TrackedRecord<T>>;
  create<T extends Data>(entitySet: string, data: T): Promise<TrackedRecord<T>>;
  update<T extends Data>(
    entitySet: string,
    keyOrRecord: EntityKey | TrackedRecord,
    changes: Partial<T>,
    options?: WriteOptions,
  ): Promise<TrackedRecord<Partial<T>>>;
  /** Reads by key, then updates or creates (F&O has no upsert). */
  upsert<T extends Data>(
    entitySet: string,
    key: Record<string, LiteralValue>,
    data: T,
  ): Promise<TrackedRecord<T> & { created: boolean }>;
  /** Deletes; a retry that finds the record gone after a dropped first attempt counts as deleted. */
  delete(
    entitySet: string,
    keyOrRecord: EntityKey | TrackedRecord,
    options?: WriteOptions,
  ): Promise<DeleteResult>;
  executeAction<R = unknown>(name: string, options?: ActionOptions): Promise<R>;
  batch(operations: BatchOperation[], options?: BatchOptions): Promise<BatchResult[]>;
  /** Current adaptive concurrency limit (lowered on 429). */
  readonly concurrency: number;
  /** Closes the connection pool. */
  close(): Promise<void>;
}

/** Creates a client for one connection: one HTTP pool, one token cache, one metadata cache. */
export function createFnoClient(config: FnoConnectionConfig): FnoClient {
  const core = new ClientCore(config);
  return {
    serviceRoot: core.root,
    metadata: (options) => core.metadata(options?.refresh === true),
    profile: async (name) => toProfile(await core.metadata(), name),
    labels: (ids, language) => labelTexts(core, ids, language),
    query: (entitySet, options) => queryRecords(core, entitySet, options),
    queryPages: (entitySet, options) => queryPages(core, entitySet, options),
    get: (entitySet, key, options) => getByKey(core, entitySet, key, options),
    create: (entitySet, data) => createRecord(core, entitySet, data),
    update: (entitySet, keyOrRecord, changes, options) =>
      updateRecord(core, entitySet, keyOrRecord, changes, options),
    upsert: (entitySet, key, data) => upsertRecord(core, entitySet, key, data),
    delete: (entitySet, keyOrRecord, options) => deleteRecord(core, entitySet, keyOrRecord, options),
    executeAction: (name, options) => executeAction(core, name, options),
    batch: (operations, options) => runBatch(core, operations, options),
    get concurrency() {
      return core.transport.limiter.limit;
    },
    close: () => core.close(),
  };
}
