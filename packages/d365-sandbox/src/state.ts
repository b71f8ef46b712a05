import { buildModel, type Entity, type Model } from './catalogue/model.js';
import { type FaultOptions, Faults, type LimitOptions } from './faults/faults.js';
import { type MetadataMode, metadataDocument } from './metadata/metadata-cache.js';
import { type SeedSize, seedStore } from './store/seed.js';
import { Store } from './store/store.js';

/** Counters of what the sandbox served, for tests that compare with what a client recorded. */
export interface Counters {
  requests: number;
  odataRequests: number;
  byStatus: Record<string, number>;
  faults: {
    throttled429: number;
    unavailable503: number;
    dropped: number;
    droppedUnserved: number;
    batchPart429: number;
    limit429: number;
    latencySpikes: number;
  };
  batches: number;
  batchOperations: number;
  writes: { created: number; updated: number; deleted: number };
  tokens: number;
}

/** Behaviour switches that are more permissive than F&O when turned on. */
export interface CompatOptions {
  /** Accept contains/startswith/endswith in $filter (F&O rejects them). */
  allowStringFunctions?: boolean;
  /** Honour `Prefer: odata.maxpagesize` (F&O: unverified, ignored by default). */
  honourMaxPageSize?: boolean;
  /** Base URL written into @odata.nextLink instead of the one the client used (real nextLink hosts can differ). */
  nextLinkBase?: string;
}

const emptyCounters = (): Counters => ({
  requests: 0,
  odataRequests: 0,
  byStatus: {},
  faults: {
    throttled429: 0,
    unavailable503: 0,
    dropped: 0,
    droppedUnserved: 0,
    batchPart429: 0,
    limit429: 0,
    latencySpikes: 0,
  },
  batches: 0,
  batchOperations: 0,
  writes: { created: 0, updated: 0, deleted: 0 },
  tokens: 0,
});

/** Everything a running sandbox holds: model, data, faults and counters. */
export class SandboxState {
  readonly model: Model = buildModel();
  store: Store;
  counters = emptyCounters();
  readonly faults: Faults;
  /** Server-driven page size (F&O: 10,000). */
  pageSize = 10000;

  constructor(
    readonly seed: number,
    readonly seedSize: Partial<SeedSize>,
    readonly metadata: MetadataMode,
    readonly compat: CompatOptions,
    faults: FaultOptions,
    limits: LimitOptions,
    latency: number | [number, number],
    /** Companies that receive `seedSize`; the others keep the default counts. @default all */
    readonly seedCompanies?: readonly string[],
  ) {
    this.store = this.freshStore();
    this.faults = new Faults(seed, faults, limits, latency);
  }

  private freshStore(): Store {
    const s = new Store(this.model);
    seedStore(s, this.seed, this.seedSize, this.seedCompanies);
    return s;
  }

  /** Drops every write and counter: back to the seeded state. */
  reset(): void {
    this.store = this.freshStore();
    this.counters = emptyCounters();
    this.faults.reset();
  }

  /** The entity set of a (case-sensitive) name, including the generated ones of the full-size metadata. */
  entitySet(name: string): Entity | undefined {
    const hit = this.model.bySet.get(name);
    if (hit || this.metadata !== 'full') return hit;
    return metadataDocument(this.model, 'full').extraSets.get(name);
  }

  /** Zeroes the counters only. */
  resetCounters(): void {
    this.counters = emptyCounters();
  }

  /** Counts a response status. */
  countStatus(status: number, counters = this.counters): void {
    counters.byStatus[status] = (counters.byStatus[status] ?? 0) + 1;
  }
}
