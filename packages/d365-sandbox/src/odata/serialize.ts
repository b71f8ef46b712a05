import type { Entity } from '../catalogue/model.js';
import { etag, type Rec, type Row, type Store } from '../store/store.js';
import type { ExpandItem } from './query.js';

/** Headers F&O sends with JSON payloads. */
export const JSON_HEADERS = {
  'content-type':
    'application/json; odata.metadata=minimal; odata.streaming=true; IEEE754Compatible=false; charset=utf-8',
  'odata-version': '4.0',
};

/**
 * The whole record as minimal-metadata JSON bytes, cached on the record until its next write, so that
 * a 10,000-record page is written from cached buffers without serialising or encoding again.
 */
export function fullJsonBuffer(rec: Rec): Buffer {
  rec.json ??= Buffer.from(
    `{"@odata.etag":${JSON.stringify(etag(rec))},${JSON.stringify(rec.values).slice(1)}`,
  );
  return rec.json;
}

/** The whole record as minimal-metadata JSON text. */
export const fullJson = (rec: Rec): string => fullJsonBuffer(rec).toString('utf8');

function selected(rec: Rec, select: string[], entity: Entity): Row {
  const out: Row = { '@odata.etag': etag(rec) };
  for (const n of select) if (entity.propMap.has(n)) out[n] = rec.values[n];
  return out;
}

/** Finds the records a navigation property points at, through its referential constraint. */
export function navTargets(store: Store, item: ExpandItem, row: Row): Rec[] {
  const cons = item.nav.c;
  const t = store.table(item.target);
  if (
    !item.nav.many &&
    cons.every(([, b]) => item.target.keys.includes(b)) &&
    cons.length === item.target.keys.length
  ) {
    const key: Row = {};
    for (const [a, b] of cons) key[b] = row[a];
    const hit = t.index.get(t.keyOf(key));
    return hit ? [hit] : [];
  }
  const norm = (v: unknown): unknown => (typeof v === 'string' ? v.toLowerCase() : v);
  return t.rows.filter((r) => cons.every(([a, b]) => norm(r.values[b]) === norm(row[a])));
}

/** Serialises one record with $select/$expand applied. */
export function recordJson(
  store: Store,
  entity: Entity,
  rec: Rec,
  select: string[] | undefined,
  expand: ExpandItem[],
): string {
  if (!select && expand.length === 0) return fullJson(rec);
  const base: Row = select ? selected(rec, select, entity) : { '@odata.etag': etag(rec), ...rec.values };
  if (select)
    for (const n of select) if (!entity.propMap.has(n) && !expand.some((x) => x.nav.n === n)) delete base[n];
  let json = JSON.stringify(base);
  for (const x of expand) {
    const targets = navTargets(store, x, rec.values);
    const parts = targets.map((t) => recordJson(store, x.target, t, x.select, []));
    const value = x.nav.many ? `[${parts.join(',')}]` : (parts[0] ?? 'null');
    json = `${json.slice(0, -1)}${json.length > 2 ? ',' : ''}${JSON.stringify(x.nav.n)}:${value}}`;
  }
  return json;
}

/** The `@odata.context` fragment for a set with $select/$expand, e.g. `Set(a,Nav,Nav(b,c))`. */
export function contextFragment(entity: Entity, select: string[] | undefined, expand: ExpandItem[]): string {
  if (!select && expand.length === 0) return entity.set;
  const parts: string[] = [...(select ?? [])];
  for (const x of expand) {
    if (!parts.includes(x.nav.n)) parts.push(x.nav.n);
    parts.push(`${x.nav.n}(${(x.select ?? []).join(',')})`);
  }
  return `${entity.set}(${parts.join(',')})`;
}
