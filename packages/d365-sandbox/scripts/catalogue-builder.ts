/**
 * Derives the sandbox's entity/enum catalogue from the fno-openapi documents (OpenAPI generated from a
 * real F&O CSDL) and adds back what that conversion lost (see catalogue-additions.ts).
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Catalogue, EdmKind, EntityDef, EnumDef, PropertyDef } from '../src/catalogue/types.js';
import {
  actions,
  extraEntities,
  extraEnums,
  mandatory,
  navigations,
  sequences,
} from './catalogue-additions.js';

interface Schema {
  type?: string;
  format?: string;
  enum?: string[];
  $ref?: string;
  allOf?: Schema[];
  properties?: Record<string, Schema>;
  items?: Schema;
}
interface OpenApi {
  paths: Record<string, Record<string, unknown>>;
  components: { schemas: Record<string, Schema> };
}

const refName = (s: Schema | undefined): string | undefined => {
  const ref = s?.$ref ?? s?.allOf?.find((x) => x.$ref)?.$ref;
  return ref?.slice(ref.lastIndexOf('/') + 1);
};

/** Stable label number per property name, so one name has one label id like in F&O. */
export function labelNumber(name: string): number {
  let h = 2166136261;
  for (let i = 0; i < name.length; i++) h = Math.imul(h ^ name.charCodeAt(i), 16777619);
  return 100000 + ((h >>> 0) % 300000);
}

function maxLength(name: string): number {
  if (name === 'dataAreaId') return 4;
  if (/CurrencyCode$|^Currency$/.test(name)) return 3;
  if (/Email|URL|Url|Street|Address$|Notes$|Text$|Comment/.test(name)) return 255;
  if (/Name$|Description$/.test(name)) return 100;
  if (/Id$|Number$|Code$|Account$|Group$/.test(name)) return 20;
  return 60;
}

function kindOf(name: string, s: Schema, enums: Set<string>): { t: EdmKind; e?: string } {
  const ref = refName(s);
  if (ref && enums.has(ref)) return { t: 'Enum', e: ref };
  if (s.type === 'boolean') return { t: 'Boolean' };
  if (s.type === 'integer')
    return { t: s.format === 'int64' || /RecId$|RecordId$/.test(name) ? 'Int64' : 'Int32' };
  if (s.type === 'number') return { t: 'Decimal' };
  if (s.format === 'uuid') return { t: 'Guid' };
  if (s.format === 'binary' || s.format === 'byte') return { t: 'Binary' };
  const dateLike =
    s.format === 'date-time' || s.format === 'date' || /Date$|^ValidFrom$|^ValidTo$/.test(name);
  if (dateLike) {
    // X++ `date` fields are exposed as Edm.DateTimeOffset at noon; utcdatetime ones carry a real time.
    return /DateTime$|ValidFrom$|ValidTo$|Timestamp$/.test(name) ? { t: 'DateTime' } : { t: 'Date' };
  }
  return { t: 'String' };
}

/** Builds the catalogue from every OpenAPI document in `dir`; output is deterministic. */
export function buildCatalogue(dir: string): Catalogue {
  const files = readdirSync(dir)
    .filter((f) => f.endsWith('.json'))
    .sort((a, b) => (a === 'scm.json' ? -1 : b === 'scm.json' ? 1 : a.localeCompare(b)));
  const enumMap = new Map<string, string[]>();
  const typeProps = new Map<string, Map<string, Schema>>();
  const sets = new Map<string, { type: string; keys: string[] }>();
  const docs = files.map((f) => JSON.parse(readFileSync(join(dir, f), 'utf8')) as OpenApi);
  for (const doc of docs) {
    for (const [name, s] of Object.entries(doc.components.schemas)) {
      if (s.enum && !enumMap.has(name)) enumMap.set(name, s.enum);
    }
  }
  for (const doc of docs) {
    const schemas = doc.components.schemas;
    const collectionItem = (name: string | undefined): string | undefined => {
      const c = name ? schemas[name] : undefined;
      for (const part of c?.allOf ?? []) {
        const p = refName(part);
        const inner = p ? schemas[p] : part;
        const item = refName(inner?.properties?.value?.items);
        if (item) return item;
      }
      return refName(c?.properties?.value?.items);
    };
    for (const [path, ops] of Object.entries(doc.paths)) {
      const m = /^\/(\w+)(?:\((.*)\))?$/.exec(path);
      if (!m) continue;
      const set = m[1]!;
      const op = (ops.get ?? ops.post) as
        | { responses?: Record<string, { content?: Record<string, { schema?: Schema }> }> }
        | undefined;
      const resp = op?.responses?.['200'] ?? op?.responses?.['201'];
      const schemaName = refName(resp?.content?.['application/json']?.schema);
      const type = m[2] === undefined ? collectionItem(schemaName) : schemaName;
      if (!type || !schemas[type]?.properties) continue;
      const entry = sets.get(set) ?? { type, keys: [] };
      if (m[2] !== undefined && entry.keys.length === 0) {
        const own = Object.keys(schemas[type].properties ?? {});
        // A positional key `({name})` names its property only through the placeholder.
        entry.keys = m[2].split(',').map((part) => {
          const k = part.split('=')[0]!.trim();
          if (!k.startsWith('{')) return k;
          const inner = k.slice(1, -1).toLowerCase();
          return own.find((o) => o.toLowerCase() === inner) ?? k;
        });
      }
      sets.set(set, entry);
      const props = typeProps.get(type) ?? new Map<string, Schema>();
      for (const [pn, ps] of Object.entries(schemas[type].properties ?? {})) {
        if (pn.startsWith('@')) continue;
        const prev = props.get(pn);
        // The SCM document kept formats that the finance documents dropped: keep the richer one.
        if (!prev || (!prev.format && !refName(prev) && (ps.format || refName(ps)))) props.set(pn, ps);
      }
      typeProps.set(type, props);
    }
  }
  const enumNames = new Set([...enumMap.keys(), ...extraEnums.map((e) => e.name)]);
  const entities: EntityDef[] = [];
  const seenTypes = new Set<string>();
  for (const [set, { type, keys }] of [...sets].sort((a, b) => a[0].localeCompare(b[0]))) {
    // One entity set per type, as in F&O's container; later duplicates (older aliases) are dropped.
    if (seenTypes.has(type) || keys.length === 0) continue;
    seenTypes.add(type);
    const props = typeProps.get(type)!;
    // Not the documents' `required` lists: their converter listed every non-nullable property there
    // (amounts, dates, record ids: 1,100 of 1,200), which F&O defaults on create; mandatory fields
    // are the keys and those `mandatory` names.
    const must = new Set([...(mandatory[type] ?? []), ...keys]);
    const seq = sequences[type];
    const defs: PropertyDef[] = [];
    const ordered = [
      ...keys.filter((k) => props.has(k)),
      ...[...props.keys()].filter((k) => !keys.includes(k)),
    ];
    for (const pn of ordered) {
      const { t, e } = kindOf(pn, props.get(pn)!, enumNames);
      const d: PropertyDef = { n: pn, t, lb: labelNumber(pn) };
      if (e) d.e = e;
      if (t === 'String') d.l = maxLength(pn);
      if (must.has(pn) && pn !== seq?.key) d.r = 1;
      if (/^(RecId|RecordId|CreatedDateTime|ModifiedDateTime|CreatedBy|ModifiedBy)$/.test(pn)) d.ro = 1;
      if (t === 'Enum' && /TimeZone$/.test(pn)) d.nu = 1;
      defs.push(d);
    }
    const entity: EntityDef = { type, set, keys: keys.filter((k) => props.has(k)), props: defs };
    if (entity.keys.length !== keys.length) continue;
    if (navigations[type]) entity.navs = navigations[type];
    if (actions[type]) entity.actions = actions[type];
    if (seq) entity.seq = seq;
    entities.push(entity);
  }
  for (const x of extraEntities) {
    const must = new Set([...(mandatory[x.type] ?? []), ...x.keys]);
    const seq = sequences[x.type];
    const props: PropertyDef[] = x.props.map(([n, t, extra]) => {
      const d: PropertyDef = { n, t, lb: labelNumber(n) };
      if (t === 'Enum') d.e = String(extra);
      if (t === 'String') d.l = Number(extra ?? 60);
      if (must.has(n) && n !== seq?.key) d.r = 1;
      if (/^(CreatedDateTime|ModifiedDateTime)$/.test(n)) d.ro = 1;
      return d;
    });
    const entity: EntityDef = { type: x.type, set: x.set, keys: x.keys, props };
    if (navigations[x.type]) entity.navs = navigations[x.type];
    if (actions[x.type]) entity.actions = actions[x.type];
    if (seq) entity.seq = seq;
    entities.push(entity);
  }
  const enums: EnumDef[] = [...enumMap]
    .sort((a, b) => a[0].localeCompare(b[0]))
    .map(([name, members]) => ({ name, members, lb: labelNumber(name) }));
  for (const e of extraEnums) enums.push({ ...e, lb: labelNumber(e.name) });
  return { source: 'fno-openapi (Apache-2.0), see data/SOURCES.md', enums, entities };
}
