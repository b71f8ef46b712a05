import { type Entity, type Model, NS } from '../catalogue/model.js';
import type { Row } from '../store/store.js';
import { formatKey } from './literals.js';

/** The `odata.metadata` level a client asked for (Accept header or `$format`). */
export type MetadataLevel = 'none' | 'minimal' | 'full';

/** Reads the requested metadata level; minimal unless the client says otherwise. */
export function metadataLevel(accept: string | undefined, format: string | null): MetadataLevel {
  const m = /odata\.metadata=(none|minimal|full)/i.exec(`${format ?? ''};${accept ?? ''}`);
  return (m?.[1]?.toLowerCase() as MetadataLevel | undefined) ?? 'minimal';
}

/** JSON response headers for a level. */
export function jsonHeaders(level: MetadataLevel): Record<string, string> {
  return {
    'content-type': `application/json; odata.metadata=${level}; odata.streaming=true; IEEE754Compatible=false; charset=utf-8`,
    'odata-version': '4.0',
  };
}

const TYPE_ANNOTATION: Record<string, string> = {
  Date: '#DateTimeOffset',
  DateTime: '#DateTimeOffset',
  Decimal: '#Decimal',
  Int64: '#Int64',
  Guid: '#Guid',
  Binary: '#Binary',
};

/**
 * Rewrites a minimal record for `odata.metadata=full` (type, id, edit link, per-property type
 * annotations, navigation links — FNO-ODATA.md §1) or `none` (no annotations at all).
 */
export function applyLevel(
  model: Model,
  entity: Entity,
  row: Row,
  level: MetadataLevel,
  base: string,
  /** The record's full values, when `row` went through $select and may lack key parts. */
  keyValues: Row = row,
): Row {
  if (level === 'none') {
    const out: Row = {};
    for (const [k, v] of Object.entries(row)) {
      if (k.includes('@odata.')) continue;
      const nav = entity.navs?.find((n) => n.n === k);
      const target = nav && model.byType.get(nav.to);
      out[k] = target && v && typeof v === 'object' ? mapNav(model, target, v, level, base) : v;
    }
    return out;
  }
  const key = formatKey(entity, keyValues);
  const out: Row = {
    '@odata.type': `#${NS}.${entity.type}`,
    '@odata.id': `${base}/data/${entity.set}(${key})`,
    '@odata.etag': row['@odata.etag'],
    '@odata.editLink': `${entity.set}(${key})`,
  };
  for (const [k, v] of Object.entries(row)) {
    if (k.startsWith('@odata.')) continue;
    const p = entity.propMap.get(k);
    if (p) {
      const ann = p.t === 'Enum' ? `#${NS}.${p.e}` : TYPE_ANNOTATION[p.t];
      if (ann) out[`${k}@odata.type`] = ann;
      out[k] = v;
      continue;
    }
    const nav = entity.navs?.find((n) => n.n === k);
    const target = nav && model.byType.get(nav.to);
    out[k] = target && v && typeof v === 'object' ? mapNav(model, target, v, level, base) : v;
  }
  for (const nav of entity.navs ?? []) {
    out[`${nav.n}@odata.associationLink`] = `${base}/data/${entity.set}(${key})/${nav.n}/$ref`;
    out[`${nav.n}@odata.navigationLink`] = `${base}/data/${entity.set}(${key})/${nav.n}`;
  }
  return out;
}

function mapNav(model: Model, target: Entity, v: unknown, level: MetadataLevel, base: string): unknown {
  return Array.isArray(v)
    ? v.map((x) => applyLevel(model, target, x as Row, level, base))
    : applyLevel(model, target, v as Row, level, base);
}
