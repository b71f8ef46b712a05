import type { Entity, Model } from '../catalogue/model.js';
import { JsonCache, type JsonHolder } from './json-cache.js';
import { rowView, sparseRow } from './sparse-row.js';
import { blankRow, etagOf } from './values.js';

export type Row = Record<string, unknown>;

/**
 * One stored record: its values plus the RecId/RecVersion that make its ETag. Only the values that
 * differ from the entity's blank row are stored; `values` reads like the full row (the rest comes
 * from the blank row every record of the set shares), so ~400-field entities cost a few fields each.
 */
export class Rec implements JsonHolder {
  private own: Row;
  private view: Row | undefined;
  private cached: Buffer | undefined;

  constructor(
    private readonly blank: Readonly<Row>,
    private readonly cache: JsonCache,
    values: Row,
    public recId: number,
    public recVersion: number,
  ) {
    this.own = sparseRow(values, blank);
  }

  /** The full row (every property of the entity), read-only in spirit: writes go through the store. */
  get values(): Row {
    this.view ??= rowView(this.own, this.blank);
    return this.view;
  }

  set values(values: Row) {
    this.own = sparseRow(values, this.blank);
    this.view = undefined;
  }

  /** Cached minimal-metadata JSON (UTF-8) of the whole record; dropped on every write. */
  get json(): Buffer | undefined {
    return this.cached;
  }

  set json(bytes: Buffer | undefined) {
    if (this.cached) this.cache.forget(this);
    this.cached = bytes;
    if (bytes) this.cache.remember(this, bytes.length);
  }

  /** Drops the cached JSON (the cache is over its budget); answers the bytes freed. */
  dropJson(): number {
    const bytes = this.cached?.length ?? 0;
    this.cached = undefined;
    return bytes;
  }
}

/** Records of one entity set in insertion order, indexed by key. */
export class Table {
  rows: Rec[] = [];
  readonly index = new Map<string, Rec>();
  seq = 0;
  constructor(
    readonly entity: Entity,
    /** Every property at its default value, shared (frozen) by the set's records. */
    readonly blank: Readonly<Row>,
  ) {}

  /** The index key of values: key parts joined, strings case-insensitive like F&O's SQL collation. */
  keyOf(values: Row): string {
    let k = '';
    for (const name of this.entity.keys) {
      const v = values[name];
      k += `${typeof v === 'string' ? v.toLowerCase() : String(v)}\u0000`;
    }
    return k;
  }
}

/** The sandbox's in-memory database, with an undo journal for atomic $batch change sets. */
export class Store {
  private tables = new Map<string, Table>();
  private nextRecId = 5637144576;
  private journal: (() => void)[] | undefined;
  private versionSeed = 1;
  /** Cached record JSON of every table, bounded (see JSON_CACHE_BUDGET). */
  readonly jsonCache: JsonCache;
  readonly enumFirst: (name: string) => string | undefined;

  constructor(
    readonly model: Model,
    jsonBudget?: number,
  ) {
    this.jsonCache = new JsonCache(jsonBudget);
    this.enumFirst = (name) => model.enums.get(name)?.members[0];
  }

  /** The table of an entity set (created empty on first use). */
  table(entity: Entity): Table {
    let t = this.tables.get(entity.set);
    if (!t) {
      t = new Table(entity, Object.freeze(blankRow(entity, this.enumFirst)));
      this.tables.set(entity.set, t);
    }
    return t;
  }

  /** A row holding every property of the entity at its default value. */
  blank(entity: Entity): Row {
    return blankRow(entity, this.enumFirst);
  }

  /** Inserts a row (properties left out take their default); the caller has checked that the key is free. */
  insert(entity: Entity, values: Row): Rec {
    const t = this.table(entity);
    const rec = new Rec(t.blank, this.jsonCache, values, this.nextRecId++, 1);
    t.rows.push(rec);
    const key = t.keyOf(rec.values);
    t.index.set(key, rec);
    this.journal?.push(() => {
      t.rows.splice(t.rows.lastIndexOf(rec), 1);
      t.index.delete(key);
    });
    return rec;
  }

  /** Applies changes to a record and gives it a new RecVersion (so its ETag changes). */
  update(rec: Rec, changes: Row): void {
    const before = { values: rec.values, recVersion: rec.recVersion };
    rec.values = { ...rec.values, ...changes };
    // F&O's RecVersion is a random int after an update; a deterministic stand-in keeps replays equal.
    this.versionSeed = (Math.imul(this.versionSeed, 1103515245) + 12345) >>> 1;
    rec.recVersion = (this.versionSeed % 2000000000) + 2;
    rec.json = undefined;
    this.journal?.push(() => {
      rec.values = before.values;
      rec.recVersion = before.recVersion;
      rec.json = undefined;
    });
  }

  /** Removes a record. */
  remove(entity: Entity, rec: Rec): void {
    const t = this.table(entity);
    const at = t.rows.indexOf(rec);
    if (at >= 0) t.rows.splice(at, 1);
    t.index.delete(t.keyOf(rec.values));
    rec.json = undefined;
    this.journal?.push(() => {
      t.rows.splice(Math.min(at, t.rows.length), 0, rec);
      t.index.set(t.keyOf(rec.values), rec);
    });
  }

  /** Finds a record by its key values. */
  find(entity: Entity, key: Row): Rec | undefined {
    const t = this.table(entity);
    return t.index.get(t.keyOf(key));
  }

  /** Starts recording undo steps for an atomic change set. */
  begin(): void {
    this.journal = [];
  }

  /** Keeps the change set's writes. */
  commit(): void {
    this.journal = undefined;
  }

  /** Undoes every write since begin(). */
  rollback(): void {
    const steps = this.journal ?? [];
    this.journal = undefined;
    for (let i = steps.length - 1; i >= 0; i--) steps[i]!();
  }

  /** Next number-sequence value for an entity with a sequence. */
  nextSequence(entity: Entity): string | undefined {
    if (!entity.seq) return undefined;
    const t = this.table(entity);
    t.seq++;
    return `${entity.seq.prefix}${String(t.seq).padStart(entity.seq.width, '0')}`;
  }
}

/** ETag of a record. */
export const etag = (rec: Rec): string => etagOf(rec.recVersion, rec.recId);
